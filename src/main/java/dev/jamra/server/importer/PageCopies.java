package dev.jamra.server.importer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Copies page files into our downloads folder ({@code <download id>/page_001.png}), never moving or changing the
 * original, and remembers what it created so that an import whose transaction fails takes its files back with
 * it. A page is copied to a {@code .part} file and renamed, so no half page is ever under a page's name. A target
 * that is already the source file (a data folder shared with the original) is left as it is.
 */
final class PageCopies {
    private static final System.Logger LOG = System.getLogger(PageCopies.class.getName());

    private final Path downloadsDir;
    private final Deque<Path> created = new ArrayDeque<>();

    PageCopies(Path downloadsDir) {
        this.downloadsDir = downloadsDir.toAbsolutePath().normalize();
    }

    /** Puts the page's file in place; returns its path relative to the downloads folder. */
    String copy(String downloadId, ImportPlan.Page page) throws IOException {
        Path dir = downloadsDir.resolve(downloadId);
        Path target = dir.resolve(page.fileName());
        Path source = page.source().file();
        if (Files.exists(target) && Files.isSameFile(source, target)) {
            return relative(target);
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            created.push(dir);
        }
        Path part = Files.createTempFile(dir, page.fileName() + "-", ".part");
        created.push(part);
        Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
        // no row here names this download, so a file already at the target is a leftover of an aborted import
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        created.pop();
        created.push(target);
        return relative(target);
    }

    /** Deletes every file and folder this import created, newest first. */
    void undo() {
        while (!created.isEmpty()) {
            Path path = created.pop();
            try {
                Files.deleteIfExists(path);
            } catch (DirectoryNotEmptyException e) {
                LOG.log(Level.WARNING, "Kept " + path + ": it holds files the import did not write");
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not delete " + path + " after a failed import: " + e);
            }
        }
    }

    private String relative(Path file) {
        return downloadsDir.relativize(file).toString().replace('\\', '/');
    }
}
