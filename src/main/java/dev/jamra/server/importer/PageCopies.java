package dev.jamra.server.importer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;

import dev.jamra.server.downloads.DownloadFolders;

/**
 * Copies page files into our downloads folder ({@code <download id>/page_001.png}), never moving or changing the
 * original, and remembers what it created so that an import whose transaction fails takes its files back with
 * it. A folder it creates gets the server's ownership marker before the first page goes in. A page is copied to a
 * {@code import-*.part} file in the data folder's scratch folder, synced, and renamed into place, so no half page
 * is ever under a page's name and no file of ours is left in a folder that is not ours. A target that is already
 * the source file (a data folder shared with the original) is left as it is; in a folder that is not the server's
 * (the original's own) no existing file is ever replaced: one with the page's very bytes (the copy of an import
 * killed before it committed) is used as it is, any other is in the way.
 */
final class PageCopies {
    private static final System.Logger LOG = System.getLogger(PageCopies.class.getName());
    private static final String PART_PREFIX = "import-";
    private static final String PART_SUFFIX = ".part";

    private final DownloadFolders folders;
    private final Path scratch;
    private final Deque<Path> created = new ArrayDeque<>();

    /** @param scratch where pages are copied before they are renamed into place, on the same disk */
    PageCopies(DownloadFolders folders, Path scratch) {
        this.folders = folders;
        this.scratch = scratch;
    }

    /** Deletes the copies an import killed halfway left in the scratch folder: our own names. */
    void sweepScratch() throws IOException {
        if (!Files.isDirectory(scratch, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(scratch, PART_PREFIX + "*" + PART_SUFFIX)) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        }
    }

    /** Puts the page's file in place; returns its path relative to the downloads folder. */
    String copy(String downloadId, ImportPlan.Page page) throws IOException {
        Path dir = folders.dir(downloadId);
        Path target = dir.resolve(page.fileName());
        Path source = page.source().file();
        if (Files.exists(target) && Files.isSameFile(source, target)) {
            return relative(target);
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            folders.claim(downloadId);
            created.push(dir);
            created.push(dir.resolve(DownloadFolders.MARKER));
        } else if (!folders.owns(downloadId) && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.mismatch(source, target) < 0) {
                return relative(target);
            }
            throw new IOException(target + " is in the way: the folder was not created by this server, and its files"
                                  + " are never replaced");
        }
        Files.createDirectories(scratch);
        Path part = Files.createTempFile(scratch, PART_PREFIX, PART_SUFFIX);
        created.push(part);
        Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
        folders.sync(part);
        // in our own folder, a file already at the target is a leftover of an import that did not commit
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        created.pop();
        created.push(target);
        folders.syncFolder(dir);
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
        return folders.root().relativize(file).toString().replace('\\', '/');
    }
}
