package dev.jamra.server.reader;

import java.lang.System.Logger.Level;
import java.util.Objects;

import dev.jamra.server.helidon.HeadRequests;
import dev.jamra.server.library.ProgressService;
import dev.jamra.server.sources.PageSender;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Serves one page image of a library item's chapter the way the reader reads it: from disk when the chapter is
 * downloaded, else from its source, and records the page as read once it went out whole (the furthest page of a
 * chapter counts; see {@link ProgressService#recordPageRead}). Every client that reads through the server (the
 * reader app, an OPDS app streaming pages) goes through here, so reading anywhere moves the same progress.
 */
public final class ReaderPages {
    private static final System.Logger LOG = System.getLogger(ReaderPages.class.getName());

    private final ReaderService reader;
    private final PageSender pageSender;
    private final ProgressService progress;

    public ReaderPages(ReaderService reader, PageSender pageSender, ProgressService progress) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.pageSender = Objects.requireNonNull(pageSender, "pageSender");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Sends page {@code number} (from 1) of a chapter; 404 when it has no such page, 502 when its source fails. */
    public void send(ServerRequest req, ServerResponse res, String libraryId, String chapterId, int number) {
        ReaderService.ServedPage page = reader.page(libraryId, chapterId, number);
        boolean sent = switch (page.bytes()) {
            case ReaderService.PageBytes.OnDisk disk -> pageSender.sendFile(res, disk.file(), disk.contentType());
            case ReaderService.PageBytes.FromSource remote -> pageSender.sendFromSource(res, remote.source(),
                    remote.mangaId(), remote.chapterId(), remote.page());
        };
        // only a page the client received counts as read; a HEAD request reads nothing
        if (sent && !HeadRequests.isHead(req)) {
            recordRead(libraryId, chapterId, number, page);
        }
    }

    /** The answer is out: a failure here can only be logged. */
    private void recordRead(String libraryId, String chapterId, int number, ReaderService.ServedPage page) {
        try {
            progress.recordPageRead(libraryId, chapterId, number, page.pageCount(),
                    () -> page.chapterNumber().or(() -> reader.chapterNumber(libraryId, chapterId)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record reading page " + number + " of chapter " + chapterId
                    + " of library item " + libraryId, e);
        }
    }
}
