package dev.jamra.server.health;

import java.net.URI;
import java.util.Set;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.RestClient.Response;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /health} of the real server: docs/API.md's shape, the database as a module, the live connections. */
class HealthTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private final URI uri = SERVER.uri();
    private final RestClient rest = SERVER.http();

    private JsonObject health() {
        Response response = rest.get("/health");
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("application/json"), response::contentType);
        return response.json();
    }

    @Test
    void aHealthyServerSaysOk() {
        JsonObject health = health();
        assertEquals(Set.of("status", "timestamp", "modules", "connections", "slowConsumerCloses"), health.keySet());
        assertEquals("ok", health.getString("status"));
        assertThat(health.getString("timestamp"),
                matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"));
        assertEquals(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("name", "storage").add("status", "ok"))
                .build(), health.getJsonArray("modules"));
        assertEquals(0, health.getInt("slowConsumerCloses"));
    }

    @Test
    void itCountsOpenEventConnections() {
        int before = health().getInt("connections");
        try (ChannelClient client = ChannelClient.connect(uri)) {
            Await.until(() -> health().getInt("connections") == before + 1, "the connection is counted");
        }
        Await.until(() -> health().getInt("connections") == before, "the closed connection is no longer counted");
    }
}
