package dev.jamra.server.updates;

import java.util.List;
import java.util.Map;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code downloads.auto-download-new: favorites} on the real server: a favorite's new chapters go through the normal
 * download queue (the renderer sees them on its downloads screen), a chapter the user downloaded already is not
 * queued again, and other items' new chapters are left alone.
 */
class AutoDownloadUpdatesTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(UpdatesApi.CHECKS_WHEN_ASKED)
            .configured(Map.of("downloads.auto-download-new", "favorites"));

    private final RestClient http = SERVER.http();
    private final UpdatesApi updates = new UpdatesApi(http);
    private final LocalFolders folders = LocalFolders.of(SERVER);

    @Test
    void aFavoritesNewChaptersAreQueuedOnceAndOtherItemsAreLeftAlone() {
        folders.chapter("Loved", "Chapter 1").chapter("Plain", "Chapter 1");
        String loved = updates.add("Loved", "local", "Loved");
        String plain = updates.add("Plain", "local", "Plain");
        assertEquals(200, http.patch("/api/library/" + loved + "/favorite", "").status());
        updates.checkAndWait();
        assertEquals(List.of(), downloads(loved), "a first check queues nothing");

        folders.chapter("Loved", "Chapter 2").chapter("Loved", "Chapter 3").chapter("Plain", "Chapter 2");
        // the user saw chapter 2 first and downloaded it by hand
        RestClient.Response mine = http.post("/api/downloads", Json.createObjectBuilder().add("libraryId", loved)
                .add("extensionId", "local").add("chapterIds", Json.createArrayBuilder().add("~Chapter_2")).build());
        assertEquals(202, mine.status(), mine::toString);
        Await.until(() -> downloads(loved).equals(List.of("~Chapter_2 completed")), "the user's download is done");

        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            updates.checkAndWait();
            JsonObject started = next(client, "download:started");
            assertEquals("~Chapter_3", started.getString("chapterId"));
            assertEquals("Loved", started.getString("mangaId"));
            next(client, "download:chapter:complete");
        }
        assertEquals(List.of("~Chapter_2 completed", "~Chapter_3 completed"), downloads(loved),
                "chapter 2 was not queued again");
        assertEquals(List.of(), downloads(plain), "not a favorite");
        assertEquals(1, updates.newChapters(plain));
    }

    /** The item's downloads as {@code chapterId status}, by chapter. */
    private List<String> downloads(String libraryId) {
        return http.get("/api/downloads?libraryId=" + libraryId).json().getJsonArray("downloads").stream()
                .map(JsonValue::asJsonObject)
                .map(download -> download.getString("chapterId") + " " + download.getString("status"))
                .sorted().toList();
    }

    private static JsonObject next(ChannelClient client, String event) {
        while (true) {
            JsonObject message = client.next();
            if (message.getString("event").equals(event)) {
                return message.getJsonObject("data");
            }
        }
    }
}
