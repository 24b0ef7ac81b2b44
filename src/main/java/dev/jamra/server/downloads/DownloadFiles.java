package dev.jamra.server.downloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The downloads folder: {@code <download id>/page_001.png}... A page is written to a {@code .part} file beside
 * its final name and renamed into place, so a crash never leaves a half page under a page name; {@code .part}
 * files are swept at start.
 */
final class DownloadFiles {
    private static final System.Logger LOG = System.getLogger(DownloadFiles.class.getName());
    private static final Pattern DOWNLOAD_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String PART = ".part";
    private static final Pattern PAGE_NUMBER = Pattern.compile("page_0*([0-9]{1,9})(\\.[a-z0-9]+|-.*\\.part)");

    private final Path root;
    private final Durability durability;

    /** Forces written bytes to the disk: a file's content, a folder's entries. */
    interface Durability {
        void syncFile(Path file) throws IOException;

        void syncFolder(Path folder) throws IOException;
    }

    DownloadFiles(Path root) {
        this(root, new FileSystemDurability());
    }

    DownloadFiles(Path root, Durability durability) {
        this.durability = durability;
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the downloads folder " + this.root, e);
        }
    }

    /** A new empty temporary file for a page, in the download's folder. */
    Path newPartFile(String downloadId, int pageNumber) throws IOException {
        Path dir = Files.createDirectories(dir(downloadId));
        return Files.createTempFile(dir, pageName(pageNumber) + "-", PART);
    }

    /**
     * Renames a finished part file to the page's name, replacing any earlier copy of that page. The bytes reach the
     * disk before the rename, and the rename before this returns (and the page is recorded as stored): after a
     * crash, a page under its final name is whole.
     */
    Path moveIntoPlace(Path partFile, String downloadId, int pageNumber, String extension) throws IOException {
        Path dir = dir(downloadId);
        durability.syncFile(partFile);
        Path target = dir.resolve(pageName(pageNumber) + "." + extension);
        try (DirectoryStream<Path> earlier = Files.newDirectoryStream(dir, pageName(pageNumber) + ".*")) {
            for (Path file : earlier) {
                if (!file.equals(target)) {
                    Files.deleteIfExists(file);
                }
            }
        }
        try {
            Files.move(partFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partFile, target, StandardCopyOption.REPLACE_EXISTING);
        }
        durability.syncFolder(dir);
        return target;
    }

    /** A recorded page's file when it is there, whole: missing or of another size, it counts as not downloaded. */
    Optional<Path> wholeFile(DownloadedPage page) {
        return file(page.filePath()).filter(file -> {
            try {
                return Files.size(file) == page.fileSize();
            } catch (IOException e) {
                return false;
            }
        });
    }

    boolean holds(DownloadedPage page) {
        return wholeFile(page).isPresent();
    }

    /** Deletes the files of pages numbered above {@code pageCount}, left when a chapter lost pages. */
    void deletePagesAfter(String downloadId, int pageCount) throws IOException {
        Path dir = dir(downloadId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> pages = Files.newDirectoryStream(dir, "page_*")) {
            for (Path page : pages) {
                Matcher number = PAGE_NUMBER.matcher(page.getFileName().toString());
                if (number.matches() && Integer.parseInt(number.group(1)) > pageCount) {
                    Files.deleteIfExists(page);
                }
            }
        }
    }

    /** A stored file's path relative to the downloads folder, with {@code /} separators. */
    String relative(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** The stored file at {@code relativePath}, if it exists inside the downloads folder. */
    Optional<Path> file(String relativePath) {
        Path file = root.resolve(relativePath).normalize();
        return file.startsWith(root) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Deletes a download's folder and everything in it; nothing happens when there is none. */
    void delete(String downloadId) {
        deleteTree(dir(downloadId));
    }

    /**
     * Removes {@code .part} files left by a crash, and the folders of downloads that no longer keep files (deleted,
     * failed, cancelled while the server was down).
     */
    void sweep(Set<String> keep) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!Files.isDirectory(dir) || !DOWNLOAD_ID.matcher(name).matches()) {
                    continue;
                }
                if (!keep.contains(name)) {
                    deleteTree(dir);
                    continue;
                }
                try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*" + PART)) {
                    for (Path part : parts) {
                        Files.deleteIfExists(part);
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not sweep the downloads folder " + root + ": " + e);
        }
    }

    private Path dir(String downloadId) {
        if (!DOWNLOAD_ID.matcher(downloadId).matches()) {
            throw new IllegalArgumentException("Not a download id: " + downloadId);
        }
        return root.resolve(downloadId);
    }

    /** The real thing: {@code fsync} of the file, and of the folder where the platform allows it. */
    private static final class FileSystemDurability implements Durability {
        @Override
        public void syncFile(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }

        @Override
        public void syncFolder(Path folder) throws IOException {
            try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                // some platforms (Windows) cannot open a folder: the rename is as durable as they make it
                LOG.log(Level.DEBUG, () -> "Cannot sync the folder " + folder + ": " + e);
            }
        }
    }

    private static String pageName(int pageNumber) {
        return String.format("page_%03d", pageNumber);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete " + dir + ": " + e);
        }
    }
}
