package dev.jamra.server.downloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The downloads folder: {@code <download id>/page_001.png}... A page is written to a {@code .part} file beside
 * its final name and renamed into place, so a crash never leaves a half page under a page name; {@code .part}
 * files are swept at start. Every folder is created, and every file deleted, through {@link DownloadFolders}: the
 * server deletes only what it wrote, in folders it created. A folder that is not its own is left alone, and said
 * once in the log.
 */
final class DownloadFiles {
    private static final System.Logger LOG = System.getLogger(DownloadFiles.class.getName());
    private static final String PART = ".part";

    private final DownloadFolders folders;
    private final Path root;
    /** Folders not ours that the log has named already, so each is said once. */
    private final Set<String> reportedForeign = ConcurrentHashMap.newKeySet();

    DownloadFiles(Path root) {
        this(new DownloadFolders(root));
    }

    DownloadFiles(DownloadFolders folders) {
        this.folders = folders;
        this.root = folders.root();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the downloads folder " + this.root, e);
        }
    }

    /**
     * A new empty temporary file for a page, in the download's folder (created with the server's marker first).
     *
     * @throws DownloadFolders.ForeignFolderException when the download's folder exists and is not the server's
     */
    Path newPartFile(String downloadId, int pageNumber) throws IOException {
        Path dir = folders.claim(downloadId);
        return Files.createTempFile(dir, pageName(pageNumber) + "-", PART);
    }

    /**
     * Renames a finished part file to the page's name, replacing any earlier copy of that page. The bytes reach the
     * disk before the rename, and the rename before this returns (and the page is recorded as stored): after a
     * crash, a page under its final name is whole.
     */
    Path moveIntoPlace(Path partFile, String downloadId, int pageNumber, String extension) throws IOException {
        Path dir = folders.dir(downloadId);
        folders.sync(partFile);
        Path target = dir.resolve(pageName(pageNumber) + "." + extension);
        folders.deleteOtherCopies(downloadId, pageNumber, target);
        try {
            Files.move(partFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partFile, target, StandardCopyOption.REPLACE_EXISTING);
        }
        folders.syncFolder(dir);
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
        folders.deletePagesAfter(downloadId, pageCount);
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

    /**
     * Deletes the files the server wrote for a download, and its folder when nothing else is in it; a folder that is
     * not the server's stays as it is.
     */
    void delete(String downloadId) {
        try {
            switch (folders.delete(downloadId)) {
                case NOTHING, ALL -> {
                    // done
                }
                case OURS_ONLY -> reportOnce(downloadId, "Kept the folder " + folders.dir(downloadId)
                        + ": it holds files this server did not write, which stay");
                case NOT_OURS -> reportOnce(downloadId, "Left the folder " + folders.dir(downloadId) + " as it is:"
                        + " this server did not create it (it has no " + DownloadFolders.MARKER + ")");
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete the files of download " + downloadId + ": " + e);
        }
    }

    /**
     * Adopts the folders of downloads that keep files and have no marker, when they hold nothing but their recorded
     * pages: made by an earlier version of this server, or the original's, used in place by an import.
     *
     * @param recordedFiles the recorded page files of each download keeping files, as stored (relative paths)
     */
    void adopt(Map<String, Set<String>> recordedFiles) {
        int adopted = 0;
        for (Map.Entry<String, Set<String>> download : recordedFiles.entrySet()) {
            if (!DownloadFolders.isDownloadId(download.getKey()) || folders.owns(download.getKey())) {
                continue;
            }
            // the names of the files recorded right in the download's folder
            String prefix = download.getKey() + "/";
            Set<String> names = new HashSet<>();
            for (String file : download.getValue()) {
                String name = file.startsWith(prefix) ? file.substring(prefix.length()) : "/";
                if (!name.contains("/")) {
                    names.add(name);
                }
            }
            try {
                if (folders.adopt(download.getKey(), names)) {
                    adopted++;
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not adopt the folder of download " + download.getKey() + ": " + e);
            }
        }
        if (adopted > 0) {
            int count = adopted;
            LOG.log(Level.INFO, () -> "Adopted " + count + " download folder(s) that held only their own pages");
        }
    }

    /**
     * Removes {@code .part} files left by a crash from the server's folders, and its folders of downloads that no
     * longer keep files (deleted, failed, cancelled while the server was down). Folders that are not the server's
     * stay as they are, and the log names them once.
     */
    void sweep(Set<String> keep) {
        List<String> foreign = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !DownloadFolders.isDownloadId(name)) {
                    continue;
                }
                if (!folders.owns(name)) {
                    foreign.add(name);
                } else if (keep.contains(name)) {
                    folders.deletePartFiles(name);
                } else {
                    delete(name);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not sweep the downloads folder " + root + ": " + e);
        }
        if (!foreign.isEmpty()) {
            foreign.sort(null);
            reportedForeign.addAll(foreign);
            LOG.log(Level.INFO, () -> "Left " + foreign.size() + " folder(s) in " + root + " as they are: this server"
                                      + " did not create them (no " + DownloadFolders.MARKER + "): "
                                      + String.join(", ", foreign.subList(0, Math.min(10, foreign.size())))
                                      + (foreign.size() > 10 ? "..." : ""));
        }
    }

    private void reportOnce(String downloadId, String message) {
        if (reportedForeign.add(downloadId)) {
            LOG.log(Level.INFO, message);
        }
    }

    private static String pageName(int pageNumber) {
        return String.format("page_%03d", pageNumber);
    }
}
