package dev.jamra.server.health;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.RestClient.Response;
import dev.jamra.server.websocket.ChannelStats;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The health answer when a module fails: 503, {@code degraded}, and each module's own state. */
@ServerTest
class HealthServiceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-09T18:10:00Z"), ZoneOffset.UTC);

    private final RestClient rest;

    HealthServiceTest(URI uri) {
        this.rest = new RestClient(uri);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        routing.register("/health", new HealthService(
                List.of(new HealthCheck("storage", () -> null),
                        new HealthCheck("sources", () -> "The local folder /x is missing")),
                () -> new ChannelStats(3, 2), CLOCK));
    }

    @Test
    void aFailingModuleDegradesTheServer() {
        Response response = rest.get("/health");
        assertEquals(503, response.status());
        JsonObject expected = Json.createObjectBuilder()
                .add("status", "degraded")
                .add("timestamp", "2025-01-09T18:10:00.000Z")
                .add("modules", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "storage").add("status", "ok"))
                        .add(Json.createObjectBuilder().add("name", "sources").add("status", "failing")
                                .add("message", "The local folder /x is missing")))
                .add("connections", 3)
                .add("slowConsumerCloses", 2)
                .build();
        assertEquals(expected, response.json());
    }
}
