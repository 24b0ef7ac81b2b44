package dev.jamra.server.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.jamra.server.sources.ImageTypes;

/**
 * Finds and checks the page files of the original's downloads. The original kept them at
 * {@code <downloads>/<download id>/page_001.jpg} and stored that absolute path; the folder may have moved since,
 * so the file is looked for in the given downloads folder first, then at the stored path, but only when that is
 * {@code <root>/<download id>/<file>} for one of the downloads folders the import was given (the original's own,
 * beside its database, and {@code --downloads}): a recorded path can lead nowhere else. Files are only read.
 */
final class OriginalPageFiles {
    private final Path downloadsDir;
    private final List<Path> roots;

    /**
     * @param downloadsDir where to look first ({@code --downloads}, else the original's downloads folder)
     * @param originalDir  the original's downloads folder, beside its database
     */
    OriginalPageFiles(Path downloadsDir, Path originalDir) {
        this.downloadsDir = downloadsDir.toAbsolutePath().normalize();
        this.roots = List.of(this.downloadsDir, originalDir.toAbsolutePath().normalize());
    }

    /** A page file found and sound: where it is, its size, and the image type its bytes show. */
    record Found(Path file, long size, String extension) {
    }

    /** A page's file, or why it cannot be carried. */
    sealed interface Check permits Sound, Damaged {
    }

    record Sound(Found file) implements Check {
    }

    record Damaged(String reason) implements Check {
    }

    Check check(OriginalData.Page page) {
        Optional<String> name = fileName(page.filePath());
        if (name.isEmpty()) {
            return new Damaged("its recorded file path " + ImportPlanner.quote(page.filePath()) + " names no file");
        }
        Path expected = downloadsDir.resolve(page.downloadId()).resolve(name.get());
        Path file = locate(expected, page);
        if (file == null) {
            return new Damaged("its file is missing (looked for " + expected
                               + (expected.toString().equals(page.filePath()) ? "" : " and " + page.filePath()) + ")");
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                return new Damaged("its file " + file + " is empty");
            }
            if (page.fileSize() != null && page.fileSize() != size) {
                return new Damaged("its file " + file + " has " + size + " bytes, the original recorded "
                                   + page.fileSize());
            }
            Optional<String> type = ImageTypes.sniff(head(file));
            if (type.isEmpty()) {
                return new Damaged("its file " + file + " is not a png, jpeg, gif, webp or avif image");
            }
            return new Sound(new Found(file, size, type.get()));
        } catch (IOException e) {
            return new Damaged("its file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** The stored file in the downloads folder, else at its recorded path when that is in a downloads folder given. */
    private Path locate(Path expected, OriginalData.Page page) {
        if (inDownloadsFolder(expected, page.downloadId())) {
            return expected;
        }
        try {
            Path recorded = Path.of(page.filePath());
            if (recorded.isAbsolute() && inDownloadsFolder(recorded, page.downloadId())) {
                return recorded;
            }
        } catch (InvalidPathException e) {
            // a path from another system: only the downloads folder can have it
        }
        return null;
    }

    /**
     * Whether {@code file} is a regular file at {@code <root>/<download id>/<name>} for one of the downloads folders
     * given, and still inside it once links are resolved.
     */
    private boolean inDownloadsFolder(Path file, String downloadId) {
        Path folder = file.normalize().getParent();
        if (folder == null || folder.getFileName() == null || !folder.getFileName().toString().equals(downloadId)
            || !roots.contains(folder.getParent()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return file.toRealPath().startsWith(folder.getParent().toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** The last segment of a path written on any system, when it is a plain file name. */
    static Optional<String> fileName(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        boolean plain = !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('\0') < 0
                        && name.indexOf(':') < 0;
        return plain ? Optional.of(name) : Optional.empty();
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(ImageTypes.SNIFF_LENGTH);
        }
    }
}
