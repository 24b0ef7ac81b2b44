package dev.jamra.server.library;

import java.net.URI;
import java.util.Set;

import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.jamra.server.library.ProgressAssertions.assertReadingAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code library:progress:updated} as WebSocket clients see it: once per committed change of a chapter's
 * progress, to every client, and never for a report that changes nothing or a request that fails.
 */
class ProgressEventsTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private final URI uri = SERVER.uri();
    private final LibraryApi api = new LibraryApi(SERVER.uri());

    private static JsonObject report(String chapterId, int page, int total) {
        return Json.createObjectBuilder().add("chapterId", chapterId).add("chapterNumber", "7")
                .add("pageNumber", page).add("totalPages", total).build();
    }

    /** Makes a change that publishes a library event, and expects it next: nothing was published before it. */
    private void expectNothingBefore(String libraryId, ChannelClient... clients) {
        api.toggleFavorite(libraryId);
        for (ChannelClient client : clients) {
            assertEquals("library:item:updated", client.next().getString("event"), "nothing else came first");
        }
    }

    @Test
    void aProgressChangeReachesEveryClientOnceAndAnUnchangedOneNothing() {
        String id = api.add("Yokohama Kaidashi Kikou", "reading").getString("id");
        try (ChannelClient reader = ChannelClient.connect(uri); ChannelClient otherDevice = ChannelClient.connect(uri)) {
            otherDevice.subscribe("dl-unrelated");  // library events reach subscribed connections too
            api.saveProgress(id, report("ch-7", 3, 20));
            for (ChannelClient client : new ChannelClient[] {reader, otherDevice}) {
                JsonObject data = client.expect("library:progress:updated").getJsonObject("data");
                assertEquals(Set.of("libraryId", "chapterId", "chapterNumber", "pageNumber", "totalPages",
                        "completed", "timestamp"), data.keySet());
                assertReadingAt(data, id, "ch-7", "7", 3, 20);
                // reading moves the item's lastUpdated, told at most once a minute
                assertEquals(JsonObject.EMPTY_JSON_OBJECT,
                        client.expect("library:item:updated").getJsonObject("data").getJsonObject("changes"));
            }

            api.saveProgress(id, report("ch-7", 3, 20));  // the same place again
            expectNothingBefore(id, reader, otherDevice);

            api.saveProgress(id, report("ch-7", 20, 20));
            JsonObject done = otherDevice.expect("library:progress:updated").getJsonObject("data");
            assertEquals(20, done.getInt("pageNumber"));
            assertTrue(done.getBoolean("completed"));
            assertEquals("library:progress:updated", reader.next().getString("event"));

            assertEquals(404, api.rest.put("/api/library/no-such-item/progress", report("ch-1", 1, 2)).status());
            assertEquals(400, api.rest.put("/api/library/" + id + "/progress", report("ch-7", 30, 20)).status());
            expectNothingBefore(id, reader, otherDevice);
        }
    }

    @Test
    void aFirstReportWithoutTotalsIsAChangeToo() {
        String id = api.add("Aria", "reading").getString("id");
        try (ChannelClient client = ChannelClient.connect(uri)) {
            api.saveProgress(id, Json.createObjectBuilder().add("chapterId", "ch-1").add("pageNumber", 0).build());
            JsonObject data = client.expect("library:progress:updated").getJsonObject("data");
            assertEquals(Set.of("libraryId", "chapterId", "pageNumber", "completed", "timestamp"), data.keySet());
            assertEquals(0, data.getInt("pageNumber"));
            assertFalse(data.getBoolean("completed"));
        }
    }
}
