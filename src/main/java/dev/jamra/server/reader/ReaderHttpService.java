package dev.jamra.server.reader;

import java.lang.System.Logger.Level;
import java.util.Objects;

import dev.jamra.server.library.ProgressService;
import dev.jamra.server.sources.PageResponses;
import dev.jamra.server.web.BadRequestException;
import dev.jamra.server.web.HeadRequests;
import dev.jamra.server.web.RequestUrls;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * {@code /api/reader}: a library item's chapters with their page URLs, the chapters before and after, and the page
 * images (from disk when downloaded, else from the source). Serving a page records the reading progress: the
 * reader app never reports progress itself.
 */
public final class ReaderHttpService implements HttpService {
    private static final System.Logger LOG = System.getLogger(ReaderHttpService.class.getName());

    private final ReaderService reader;
    private final PageResponses pageResponses;
    private final ProgressService progress;

    public ReaderHttpService(ReaderService reader, PageResponses pageResponses, ProgressService progress) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.pageResponses = Objects.requireNonNull(pageResponses, "pageResponses");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{libraryId}/chapters/{chapterId}", this::chapter)
                .get("/{libraryId}/chapters/{chapterId}/next", this::next)
                .get("/{libraryId}/chapters/{chapterId}/previous", this::previous)
                .get("/{libraryId}/chapters/{chapterId}/pages/{number}", this::page);
    }

    private void chapter(ServerRequest req, ServerResponse res) {
        res.send(json(reader.chapter(param(req, "libraryId"), param(req, "chapterId"))));
    }

    private void next(ServerRequest req, ServerResponse res) {
        res.send(json(reader.next(param(req, "libraryId"), param(req, "chapterId"))));
    }

    private void previous(ServerRequest req, ServerResponse res) {
        res.send(json(reader.previous(param(req, "libraryId"), param(req, "chapterId"))));
    }

    private void page(ServerRequest req, ServerResponse res) {
        String libraryId = param(req, "libraryId");
        String chapterId = param(req, "chapterId");
        int number = pageNumber(param(req, "number"));
        ReaderService.ServedPage page = reader.page(libraryId, chapterId, number);
        boolean sent = switch (page.bytes()) {
            case ReaderService.PageBytes.OnDisk disk -> pageResponses.sendFile(res, disk.file(), disk.contentType());
            case ReaderService.PageBytes.FromSource remote -> pageResponses.sendFromSource(res, remote.source(),
                    remote.mangaId(), remote.chapterId(), remote.page());
        };
        // only a page the reader received counts as read; a HEAD request reads nothing
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

    /** Page URLs are relative to the server, as the original's were; the reader prefixes its API base. */
    private static JsonObject json(ReaderService.ReaderChapter chapter) {
        String pagesUrl = "/api/reader/" + RequestUrls.segment(chapter.libraryId())
                          + "/chapters/" + RequestUrls.segment(chapter.id()) + "/pages/";
        JsonArrayBuilder pages = JSON.createArrayBuilder();
        for (int number = 1; number <= chapter.pageCount(); number++) {
            JsonObjectBuilder page = JSON.createObjectBuilder().add("number", number).add("url", pagesUrl + number);
            chapter.pageSizes().get(number - 1)
                    .ifPresent(size -> page.add("width", size.width()).add("height", size.height()));
            pages.add(page);
        }
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", chapter.id())
                .add("number", chapter.number());
        if (chapter.title() != null) {
            json.add("title", chapter.title());
        }
        return json.add("pages", pages)
                .add("isDownloaded", chapter.downloaded())
                .add("previousChapterId", idOrNull(chapter.previousChapterId()))
                .add("nextChapterId", idOrNull(chapter.nextChapterId()))
                .build();
    }

    private static JsonValue idOrNull(String id) {
        return id == null ? JsonValue.NULL : JSON.createValue(id);
    }

    private static int pageNumber(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw BadRequestException.field("number", "The page number must be a whole number, was " + value);
        }
    }

    private static String param(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }
}
