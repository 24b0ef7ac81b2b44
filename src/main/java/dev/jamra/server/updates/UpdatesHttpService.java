package dev.jamra.server.updates;

import java.util.Objects;

import dev.jamra.server.web.QueryParams;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/library/updates}: maps the Library updates routes of docs/API.md onto {@link LibraryUpdates}.
 * Registered before {@code /api/library}, whose {@code /{id}} would take {@code updates} for an item's id.
 */
public final class UpdatesHttpService implements HttpService {
    /** Where the state of the check is; the answer to a start names it. */
    static final String STATUS_PATH = "/api/library/updates/status";

    private final LibraryUpdates updates;

    public UpdatesHttpService(LibraryUpdates updates) {
        this.updates = Objects.requireNonNull(updates, "updates");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::check)
                .get("/", this::feed)
                .get("/status", this::status);
    }

    private void check(ServerRequest req, ServerResponse res) {
        res.status(Status.ACCEPTED_202)
                .header(HeaderNames.LOCATION, STATUS_PATH)
                .send(UpdatesJson.status(updates.check()));
    }

    private void feed(ServerRequest req, ServerResponse res) {
        int limit = (int) Math.min(QueryParams.whole(req.query(), "limit")
                .orElse((long) LibraryUpdates.DEFAULT_FEED_LIMIT), LibraryUpdates.MAX_FEED_LIMIT);
        res.send(UpdatesJson.feed(updates.feed(limit, QueryParams.offset(req.query()))));
    }

    private void status(ServerRequest req, ServerResponse res) {
        res.send(UpdatesJson.status(updates.status()));
    }
}
