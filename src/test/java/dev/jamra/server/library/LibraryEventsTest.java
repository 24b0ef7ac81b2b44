package dev.jamra.server.library;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.jamra.server.library.LibraryApi.newItem;
import static dev.jamra.server.library.LibraryApi.uniqueMangaId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The library's events as two WebSocket clients see them: exactly one event per change, with the payloads of
 * docs/PROTOCOL.md, and none for an update that changes nothing or a request that fails.
 */
class LibraryEventsTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private static final Set<String> SNAPSHOT_FIELDS = Set.of("libraryId", "mangaId", "extensionId", "title",
            "coverUrl", "status", "favorite", "timestamp");

    private final URI uri = SERVER.uri();
    private final LibraryApi api = new LibraryApi(SERVER.uri());

    @Test
    void everyClientSeesEachChangeOnceWithItsPayload() {
        try (ChannelClient first = ChannelClient.connect(uri); ChannelClient second = ChannelClient.connect(uri)) {
            String mangaId = uniqueMangaId();
            JsonObject item = api.add(newItem(mangaId, "Oyasumi Punpun", "plan_to_read")
                    .add("coverUrl", "https://covers.example/punpun.png").build());
            String id = item.getString("id");
            JsonObject added = expectBoth(first, second, "library:item:added");
            assertSnapshot(added, id, mangaId, "plan_to_read", false, item.getString("dateAdded"));
            assertEquals("https://covers.example/punpun.png", added.getString("coverUrl"));
            assertEquals(SNAPSHOT_FIELDS, added.keySet());

            JsonObject reading = api.patch(id, Json.createObjectBuilder().add("status", "reading").build());
            JsonObject statusChanged = expectBoth(first, second, "library:item:updated");
            assertSnapshot(statusChanged, id, mangaId, "reading", false, reading.getString("lastUpdated"));
            assertEquals(Json.createObjectBuilder().add("status", "reading").build(),
                    statusChanged.getJsonObject("changes"));

            // the status is sent again but unchanged: only favorite is reported
            JsonObject favorite = api.patch(id, Json.createObjectBuilder().add("status", "reading")
                    .add("favorite", true).build());
            JsonObject favoriteChanged = expectBoth(first, second, "library:item:updated");
            assertSnapshot(favoriteChanged, id, mangaId, "reading", true, favorite.getString("lastUpdated"));
            assertEquals(Json.createObjectBuilder().add("favorite", true).build(),
                    favoriteChanged.getJsonObject("changes"));

            api.patch(id, Json.createObjectBuilder().add("status", "reading").add("favorite", true).build());
            // no event for the no-op: the next message each client gets is the toggle's
            JsonObject unfavorite = api.toggleFavorite(id);
            JsonObject toggled = expectBoth(first, second, "library:item:updated");
            assertSnapshot(toggled, id, mangaId, "reading", false, unfavorite.getString("lastUpdated"));
            assertEquals(Json.createObjectBuilder().add("favorite", false).build(), toggled.getJsonObject("changes"));

            JsonObject both = api.patch(id, Json.createObjectBuilder().add("status", "completed")
                    .add("favorite", true).build());
            JsonObject bothChanged = expectBoth(first, second, "library:item:updated");
            assertSnapshot(bothChanged, id, mangaId, "completed", true, both.getString("lastUpdated"));
            assertEquals(Json.createObjectBuilder().add("status", "completed").add("favorite", true).build(),
                    bothChanged.getJsonObject("changes"));

            long beforeDelete = System.currentTimeMillis();
            api.delete(id);
            long afterDelete = System.currentTimeMillis();
            JsonObject removed = expectBoth(first, second, "library:item:removed");
            assertEquals(Set.of("libraryId", "mangaId", "extensionId", "title", "timestamp"), removed.keySet());
            assertEquals(id, removed.getString("libraryId"));
            assertEquals(mangaId, removed.getString("mangaId"));
            assertEquals("local", removed.getString("extensionId"));
            assertEquals("Oyasumi Punpun", removed.getString("title"));
            long at = removed.getJsonNumber("timestamp").longValue();
            assertFalse(at < beforeDelete || at > afterDelete, "removed at " + at);

            assertEquals(0, first.pending());
            assertEquals(0, second.pending());
        }
    }

    @Test
    void anItemWithoutCoverHasNoCoverInItsSnapshot() {
        try (ChannelClient client = ChannelClient.connect(uri)) {
            String id = api.add("Solanin", "reading").getString("id");
            JsonObject added = client.expect("library:item:added").getJsonObject("data");
            assertEquals(id, added.getString("libraryId"));
            assertFalse(added.containsKey("coverUrl"));

            api.toggleFavorite(id);
            JsonObject updated = client.expect("library:item:updated").getJsonObject("data");
            assertFalse(updated.containsKey("coverUrl"));
        }
    }

    @Test
    void failedRequestsPublishNothing() {
        try (ChannelClient client = ChannelClient.connect(uri)) {
            String mangaId = uniqueMangaId();
            String id = api.add(newItem(mangaId, "Dead Dead Demon's", "reading").build()).getString("id");
            client.expect("library:item:added");

            api.rest.post("/api/library", newItem(mangaId, "Dead Dead Demon's", "reading").build());   // 409
            api.rest.patch("/api/library/" + id, "{\"status\":\"finished\"}");                      // 400
            api.rest.patch("/api/library/no-such-id/favorite", "");                                  // 404
            api.rest.delete("/api/library/no-such-id");                                              // 404
            api.rest.put("/api/library/" + id + "/progress", "{\"chapterId\":\"c1\",\"pageNumber\":-1}");  // 400

            api.delete(id);
            assertEquals(id, client.expect("library:item:removed").getJsonObject("data").getString("libraryId"),
                    "the removal is the first event after the add");
        }
    }

    /** The next message of both clients, which must be the same {@code event}; returns its data. */
    private static JsonObject expectBoth(ChannelClient first, ChannelClient second, String event) {
        JsonObject one = first.expect(event);
        JsonObject other = second.expect(event);
        assertEquals(one.getJsonObject("data"), other.getJsonObject("data"));
        assertEquals(one.getJsonNumber("seq"), other.getJsonNumber("seq"));
        return one.getJsonObject("data");
    }

    private static void assertSnapshot(JsonObject data, String id, String mangaId, String status, boolean favorite,
                                       String changedAt) {
        assertEquals(id, data.getString("libraryId"));
        assertEquals(mangaId, data.getString("mangaId"));
        assertEquals("local", data.getString("extensionId"));
        assertEquals("Oyasumi Punpun", data.getString("title"));
        assertEquals(status, data.getString("status"));
        assertEquals(favorite, data.getBoolean("favorite"));
        assertEquals(Instant.parse(changedAt).toEpochMilli(), data.getJsonNumber("timestamp").longValue(),
                "the payload's timestamp is the change's time in epoch milliseconds");
    }
}
