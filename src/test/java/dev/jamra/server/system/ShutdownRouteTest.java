package dev.jamra.server.system;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.LibraryRows;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.RunningServer;
import dev.jamra.server.testing.TestConfig;
import dev.jamra.server.testing.ChannelClient;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code POST /api/system/shutdown}: with {@code system.allow-shutdown} it stops the server as a signal does
 * (WebSocket clients get 1001, a running download resumes at the next start); without it the path is unknown.
 */
class ShutdownRouteTest {

    @Test
    void withoutPermissionThePathIsUnknownAndTheServerRuns() {
        RunningServer running = RunningServer.start(TestConfig.newDataDir(), Map.of());
        try {
            RestClient.Response answer = shutdown(running.http());
            assertEquals(404, answer.status(), answer::toString);
            assertEquals("application/json", answer.contentType());
            assertEquals(200, running.http().get("/health").status(), "still serving");
        } finally {
            running.app().stop();
        }
    }

    @Test
    void aRequestWithAnOriginIsRefusedEvenFromAnAllowedPage() {
        RunningServer running = RunningServer.start(TestConfig.newDataDir(), Map.of("system.allow-shutdown", "true"));
        try {
            for (String origin : List.of("http://localhost:5173", "tauri://localhost", "null", "http://evil.example")) {
                RestClient.Response answer = running.http().send("POST", "/api/system/shutdown",
                        BodyPublishers.noBody(), Map.of("Origin", origin));
                assertEquals(403, answer.status(), origin + ": " + answer);
                assertEquals("application/json", answer.contentType());
                assertEquals(200, running.http().get("/health").status(), "still serving after " + origin);
            }
            RestClient.Response simple = running.http().send("POST", "/api/system/shutdown",
                    BodyPublishers.ofString("x"), Map.of("Origin", "http://localhost:5173",
                            "Content-Type", "text/plain"));
            assertEquals(403, simple.status(), "a CORS simple request of an allowed page: " + simple);
            assertThat(simple.message(), containsString("never from a web page"));
            assertEquals(200, running.http().get("/health").status());
        } finally {
            running.app().stop();
        }
    }

    @Test
    void stopsCleanlyAndTheRunningDownloadResumesAtTheNextStart() throws Exception {
        Path dataDir = TestConfig.newDataDir();
        CountDownLatch secondPageHeld = new CountDownLatch(1);
        try (PageServer pages = PageServer.start()) {
            pages.addLongChapter(secondPageHeld);
            Map<String, String> config = pages.settings(Map.of("downloads.retry-backoff", "PT0.01S",
                    "system.allow-shutdown", "true"));

            RunningServer first = RunningServer.start(dataDir, config);
            String downloadId;
            List<ChannelClient> clients = new ArrayList<>();
            try {
                String item;
                try (LibraryRows library = LibraryRows.open(dataDir)) {
                    item = library.insert("long", "fixture");
                }
                downloadId = enqueue(first.http(), item);
                Await.until(() -> pages.requests("long", "l1", "2.png") == 1 && pages.inFlight() == 1,
                        "page 2 is being fetched");
                for (int i = 0; i < 3; i++) {
                    clients.add(ChannelClient.connect(first.uri()));
                }
                Await.until(() -> first.app().channel().connectionCount() == 3, "the clients are registered");

                RestClient.Response answer = shutdown(first.http());

                assertEquals(202, answer.status(), answer::toString);
                assertEquals(Json.createObjectBuilder().add("status", "shutting-down").build(), answer.json());
                for (ChannelClient client : clients) {
                    assertEquals(1001, client.awaitClose(), "close code");
                }
                Await.until(() -> !first.server().isRunning(), "the server stops");
            } finally {
                first.app().stop();
            }
            secondPageHeld.countDown();

            RunningServer second = RunningServer.start(dataDir, config);
            try {
                Await.until(() -> "completed".equals(status(second.http(), downloadId)),
                        "the download completes after the restart");
                assertEquals(1, pages.requests("long", "l1", "1.png"), "the page stored before the stop is kept");
            } finally {
                second.app().stop();
            }
        } finally {
            secondPageHeld.countDown();
        }
    }

    private static RestClient.Response shutdown(RestClient http) {
        return http.send("POST", "/api/system/shutdown", BodyPublishers.noBody(), Map.of());
    }

    private static String enqueue(RestClient http, String libraryId) {
        JsonObject body = Json.createObjectBuilder().add("libraryId", libraryId).add("extensionId", "fixture")
                .add("chapterIds", Json.createArrayBuilder().add("l1")).build();
        RestClient.Response answer = http.post("/api/downloads", body);
        assertEquals(202, answer.status(), answer::toString);
        return answer.json().getJsonArray("downloads").getJsonObject(0).getString("id");
    }

    private static String status(RestClient http, String downloadId) {
        return http.get("/api/downloads/" + downloadId).json().getJsonObject("download").getString("status");
    }
}
