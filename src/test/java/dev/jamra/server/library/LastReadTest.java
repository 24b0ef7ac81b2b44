package dev.jamra.server.library;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.HashMap;
import java.util.Map;

import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code GET /api/library/:id/last-read} over a real socket, as the reader's History screen calls it for each of
 * the 20 items updated last: the last chapter read, JSON {@code null} for an item nothing of which has been read
 * (the screen fails as a whole on any error answer), and 404 only for an item that does not exist.
 */
class LastReadTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private final RestClient http;
    private final LibraryApi api;

    LastReadTest() {
        this.http = SERVER.http();
        this.api = new LibraryApi(http);
    }

    @Test
    void anItemNothingOfWhichWasReadAnswersJsonNull() {
        String id = api.add("Unread", "plan_to_read").getString("id");

        RestClient.Response answer = http.get("/api/library/" + id + "/last-read");
        assertEquals(200, answer.status(), answer::toString);
        assertThat(answer.contentType(), startsWith("application/json"));
        assertEquals("null", answer.body(), "the bare JSON value, nothing around it");
        assertEquals(JsonValue.NULL, answer.value());

        RestClient.Response head = http.send("HEAD", "/api/library/" + id + "/last-read", BodyPublishers.noBody(),
                Map.of());
        assertEquals(200, head.status());
        assertThat(head.contentType(), startsWith("application/json"));
        assertEquals(0, head.bytes().length);
    }

    @Test
    void anUnknownItemIsStillNotFound() {
        RestClient.Response answer = http.get("/api/library/no-such-item/last-read");
        assertEquals(404, answer.status(), answer::toString);
        assertThat(answer.contentType(), startsWith("application/json"));
        assertThat(answer.message(), containsString("no-such-item"));
        RestClient.Response head = http.send("HEAD", "/api/library/no-such-item/last-read", BodyPublishers.noBody(),
                Map.of());
        assertEquals(404, head.status());
    }

    @Test
    void theHistoryScreensCallsAllSucceedWithReadAndUnreadItems() {
        String read = api.add("Read", "reading").getString("id");
        JsonObject row = api.saveProgress(read, Json.createObjectBuilder().add("chapterId", "c2")
                .add("chapterNumber", "2").add("pageNumber", 4).add("totalPages", 9).build());
        String unread = api.add("Never Opened", "plan_to_read").getString("id");

        RestClient.Response recent = http.get("/api/library?sort=lastUpdated&direction=desc&limit=20");
        assertEquals(200, recent.status(), recent::toString);
        Map<String, JsonValue> lastReads = new HashMap<>();
        for (JsonValue item : recent.json().getJsonArray("items")) {
            String id = item.asJsonObject().getString("id");
            RestClient.Response answer = http.get("/api/library/" + id + "/last-read");
            assertEquals(200, answer.status(), answer::toString);
            lastReads.put(id, answer.value());
        }
        assertEquals(row, lastReads.get(read), "the item read: its row");
        assertEquals(JsonValue.NULL, lastReads.get(unread), "the item never opened: null");
    }
}
