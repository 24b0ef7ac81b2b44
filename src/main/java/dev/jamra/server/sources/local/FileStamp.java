package dev.jamra.server.sources.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

/**
 * What a file or folder looked like when something was read from it: its modification time and size. A folder's
 * time changes when an entry is added, removed or renamed in it; a file's when it is written. So a result read from
 * a set of stamped paths stays true while every stamp is {@link #current()}.
 */
record FileStamp(Path path, FileTime modified, long size) {

    /** The stamp of {@code path} now (links followed), or empty when it cannot be read. */
    static Optional<FileStamp> of(Path path) {
        try {
            return Optional.of(read(path));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The stamp of {@code path} now (links followed). */
    static FileStamp read(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new FileStamp(path, attributes.lastModifiedTime(), attributes.size());
    }

    /** Whether the path still has this time and size. */
    boolean current() {
        return of(path).map(this::equals).orElse(false);
    }

    /** Whether every stamp is current. */
    static boolean allCurrent(List<FileStamp> stamps) {
        for (FileStamp stamp : stamps) {
            if (!stamp.current()) {
                return false;
            }
        }
        return true;
    }
}
