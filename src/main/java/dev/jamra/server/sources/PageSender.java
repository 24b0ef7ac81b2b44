package dev.jamra.server.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import dev.jamra.server.errors.ServiceException;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sends page images to HTTP clients: a file from disk, or a page fetched from its source on the spot (into a
 * scratch file under the size cap, then streamed and deleted). Responses are {@code Cache-Control: private}. Others
 * that need a page from its source as a file (the chapter exporter) {@link #fetch} it here too.
 */
public final class PageSender {
    private static final System.Logger LOG = System.getLogger(PageSender.class.getName());
    private static final String SCRATCH_PREFIX = "page-";
    private static final String SCRATCH_SUFFIX = ".part";

    private final PageFetcher fetcher;
    private final Path scratchDir;

    private PageSender(PageFetcher fetcher, Path scratchDir) {
        this.fetcher = fetcher;
        this.scratchDir = scratchDir;
    }

    /**
     * Uses {@code scratchDir} for pages in transit, removing what a previous run left there: its own files, by their
     * names ({@value #SCRATCH_PREFIX}...{@value #SCRATCH_SUFFIX}), and nothing else.
     */
    public static PageSender create(PageFetcher fetcher, Path scratchDir) {
        try {
            Files.createDirectories(scratchDir);
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(scratchDir,
                    SCRATCH_PREFIX + "*" + SCRATCH_SUFFIX)) {
                for (Path leftover : leftovers) {
                    if (Files.isRegularFile(leftover, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(leftover);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the scratch folder " + scratchDir, e);
        }
        return new PageSender(fetcher, scratchDir);
    }

    /**
     * Sends an image file with its media type; 404 when the file is gone (deleted since it was looked up).
     *
     * @return whether the whole page went out (false when the client went away mid-page)
     */
    public boolean sendFile(ServerResponse res, Path file, String contentType) {
        try {
            long size = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                res.header(HeaderNames.CONTENT_TYPE, contentType)
                        .header(HeaderNames.CACHE_CONTROL, "private")
                        .contentLength(size);
                try (OutputStream out = res.outputStream()) {
                    in.transferTo(out);
                } catch (IOException | UncheckedIOException e) {
                    // The client went away mid-page; the response is half sent and nothing more can be said.
                    LOG.log(Level.DEBUG, () -> "Page " + file + " not fully sent: " + e);
                    return false;
                }
                return true;
            }
        } catch (NoSuchFileException e) {
            throw new ServiceException.NotFound("That page is no longer stored");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Fetches a page from its source and sends it: 404 when the source does not have it, 502 when the source or
     * the page's server fails.
     *
     * @return whether the whole page went out (false when the client went away mid-page)
     */
    public boolean sendFromSource(ServerResponse res, MangaSource source, String mangaId, String chapterId,
                                  Page page) {
        try (ScratchPage fetched = fetch(source, mangaId, chapterId, page)) {
            return sendFile(res, fetched.file(), fetched.page().contentType());
        }
    }

    /**
     * A page fetched from its source into a scratch file, deleted on close.
     *
     * @param page what was fetched: its type and size
     */
    public record ScratchPage(Path file, PageFetcher.Fetched page) implements AutoCloseable {
        @Override
        public void close() {
            delete(file);
        }
    }

    /**
     * Fetches a page from its source into a scratch file (within the size cap, through the fetcher's address
     * guard), which the caller closes: 404 when the source does not have the page, 502 when the source or the
     * page's server fails.
     */
    public ScratchPage fetch(MangaSource source, String mangaId, String chapterId, Page page) {
        Path scratch;
        try {
            scratch = Files.createTempFile(scratchDir, SCRATCH_PREFIX, SCRATCH_SUFFIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean handedOver = false;
        try {
            ScratchPage fetched = new ScratchPage(scratch, fetcher.fetch(source, mangaId, chapterId, page, scratch));
            handedOver = true;
            return fetched;
        } catch (PageFetchException e) {
            if (e.getCause() instanceof SourceNotFoundException) {
                throw new ServiceException.NotFound(e.getMessage());
            }
            LOG.log(Level.WARNING, "Page " + (page.index() + 1) + " of chapter " + chapterId + " from source "
                                   + source.info().id() + " (" + page.imageUrl() + ") could not be fetched: "
                                   + e.getMessage());
            throw new ServiceException.SourceFailure("Page " + (page.index() + 1)
                                                     + " could not be fetched from the source '"
                                                     + source.info().id() + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException.SourceFailure("Interrupted fetching a page", e);
        } finally {
            if (!handedOver) {
                delete(scratch);
            }
        }
    }

    private static void delete(Path scratch) {
        if (scratch == null) {
            return;
        }
        try {
            Files.deleteIfExists(scratch);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete " + scratch + ": " + e);
        }
    }
}
