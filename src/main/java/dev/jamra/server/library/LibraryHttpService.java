package dev.jamra.server.library;

import java.util.Objects;

import dev.jamra.server.web.JsonAnswers;
import dev.jamra.server.web.JsonBodies;
import dev.jamra.server.web.JsonStream;
import dev.jamra.server.web.RequestUrls;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonObject;

/**
 * {@code /api/library}: maps the Library routes of docs/API.md onto {@link LibraryService} and
 * {@link ProgressService}. Items stored without a cover are answered with their source's own, when it has one
 * ({@link DefaultCovers}).
 */
public final class LibraryHttpService implements HttpService {
    private final LibraryService library;
    private final ProgressService progress;
    private final DefaultCovers covers;

    public LibraryHttpService(LibraryService library, ProgressService progress, DefaultCovers covers) {
        this.library = Objects.requireNonNull(library, "library");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.covers = Objects.requireNonNull(covers, "covers");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::add)
                .get("/stats", this::stats)  // before /{id}, which would take "stats" for an id
                .get("/{id}", this::get)
                .patch("/{id}", this::update)
                .delete("/{id}", this::remove)
                .patch("/{id}/favorite", this::toggleFavorite)
                .get("/{id}/progress", this::allProgress)
                .put("/{id}/progress", this::saveProgress)
                .get("/{id}/chapters/{chapterId}/progress", this::chapterProgress)
                .get("/{id}/last-read", this::lastRead);
    }

    /** Written as it is read from the database: a list of any length takes a few chunks of memory. */
    private void list(ServerRequest req, ServerResponse res) {
        LibraryQuery query = LibraryRequests.query(req.query());
        String base = RequestUrls.base(req);
        JsonStream.send(res, json -> library.writePage(query, new PageJson(json, covers, base)));
    }

    private void add(ServerRequest req, ServerResponse res) {
        LibraryItem item = library.add(LibraryRequests.newItem(JsonBodies.object(req)));
        res.status(Status.CREATED_201)
                .header(HeaderNames.LOCATION, "/api/library/" + item.id())
                .send(json(req, item));
    }

    private void stats(ServerRequest req, ServerResponse res) {
        res.send(LibraryJson.stats(library.stats()));
    }

    private void get(ServerRequest req, ServerResponse res) {
        res.send(json(req, library.get(id(req))));
    }

    private void update(ServerRequest req, ServerResponse res) {
        String id = id(req);
        res.send(json(req, library.update(id, LibraryRequests.update(JsonBodies.object(req)))));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        library.remove(id(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void toggleFavorite(ServerRequest req, ServerResponse res) {
        res.send(json(req, library.toggleFavorite(id(req))));
    }

    private void allProgress(ServerRequest req, ServerResponse res) {
        res.send(LibraryJson.progress(progress.all(id(req))));
    }

    private void saveProgress(ServerRequest req, ServerResponse res) {
        String id = id(req);
        res.send(LibraryJson.progress(progress.save(id, LibraryRequests.progress(JsonBodies.object(req)))));
    }

    private void chapterProgress(ServerRequest req, ServerResponse res) {
        String chapterId = req.path().pathParameters().get("chapterId");
        res.send(LibraryJson.progress(progress.chapter(id(req), chapterId)));
    }

    /**
     * The last chapter read, or JSON {@code null} for an item nothing of which has been read: the reader types the
     * answer {@code ReadingProgress | null}, and its History screen fails as a whole on any error answer.
     */
    private void lastRead(ServerRequest req, ServerResponse res) {
        progress.lastRead(id(req)).ifPresentOrElse(
                row -> res.header(HeaderValues.CONTENT_TYPE_JSON).send(ProgressJson.of(row)),
                () -> JsonAnswers.sendNull(res));
    }

    private JsonObject json(ServerRequest req, LibraryItem item) {
        return LibraryJson.item(shown(req, item), library.newChapters(item.id()));
    }

    /** The item as clients see it: stored without a cover, with its source's own if it has one. */
    private LibraryItem shown(ServerRequest req, LibraryItem item) {
        if (item.coverUrl().isPresent()) {
            return item;
        }
        return covers.coverUrl(item.extensionId(), item.mangaId(), RequestUrls.base(req))
                .map(item::withCoverUrl)
                .orElse(item);
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
