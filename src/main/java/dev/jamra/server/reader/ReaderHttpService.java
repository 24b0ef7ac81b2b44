package dev.jamra.server.reader;

import java.util.Objects;

import dev.jamra.server.web.PathParams;
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
 * images (from disk when downloaded, else from the source), which {@link ReaderPages} serves and records as read:
 * the reader app never reports progress itself.
 */
public final class ReaderHttpService implements HttpService {
    private final ReaderService reader;
    private final ReaderPages pages;

    public ReaderHttpService(ReaderService reader, ReaderPages pages) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.pages = Objects.requireNonNull(pages, "pages");
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
        pages.send(req, res, param(req, "libraryId"), param(req, "chapterId"), PathParams.wholeNumber(req, "number"));
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

    private static String param(ServerRequest req, String name) {
        return PathParams.text(req, name);
    }
}
