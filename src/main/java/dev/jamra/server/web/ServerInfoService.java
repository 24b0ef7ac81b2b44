package dev.jamra.server.web;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonObject;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * {@code GET /} without an upgrade: says what this server is and where to go. (With an upgrade header the same
 * path opens the event channel.)
 */
public final class ServerInfoService implements HttpService {
    private static final JsonObject INFO = JSON.createObjectBuilder()
            .add("name", "JAMRA server")
            .add("message", "Open a WebSocket on / or /ws for live events; the REST API is under /api")
            .add("health", "/health")
            .build();

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::info);
    }

    private void info(ServerRequest req, ServerResponse res) {
        res.send(INFO);
    }
}
