package dev.jamra.server.sources.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One reading of a manga's or a chapter's metadata: the stamps of the files it read (taken before reading them,
 * so a change while reading shows next time) and what it could not use, as sentences for people that name files by
 * their names inside the manga folder, never by a path of this machine.
 */
final class Reading {
    private final List<FileStamp> stamps = new ArrayList<>();
    /** Each once: one damaged archive fails both its metadata and its cover. */
    private final Set<String> warnings = new LinkedHashSet<>();

    /** Notes the current time and size of {@code path} (which is about to be read). */
    void stamp(Path path) {
        Optional<FileStamp> stamp = FileStamp.of(path);
        stamps.add(stamp.orElseGet(() -> never(path)));
    }

    /** Notes a stamp taken by the caller. */
    void stamp(FileStamp stamp) {
        stamps.add(stamp);
    }

    /**
     * Has the next lookup read again, whatever the files' times: {@code path} could not be read for a reason its
     * time does not show (a permission, since fixed with {@code chmod}, changes no modification time).
     */
    void readAgain(Path path) {
        stamps.add(never(path));
    }

    /** A stamp that is never current. Equal to itself, so the same failure read again is not news. */
    private static FileStamp never(Path path) {
        return new FileStamp(path, null, -1);
    }

    /** Keeps a warning: {@code label} (a file's name in the manga folder) and what is wrong with it. */
    void warn(String label, String problem) {
        warnings.add(label + " " + problem);
    }

    /** Warnings about the file called {@code label}, for the parsers. */
    Consumer<String> about(String label) {
        return problem -> warn(label, problem);
    }

    List<FileStamp> stamps() {
        return List.copyOf(stamps);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
