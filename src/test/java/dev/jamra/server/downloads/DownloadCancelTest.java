package dev.jamra.server.downloads;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.ChannelClient;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.jamra.server.downloads.DownloadAssertions.assertCompleteRun;
import static dev.jamra.server.downloads.DownloadAssertions.data;
import static dev.jamra.server.downloads.DownloadAssertions.download;
import static dev.jamra.server.downloads.DownloadAssertions.enqueue;
import static dev.jamra.server.downloads.DownloadAssertions.hasFiles;
import static dev.jamra.server.downloads.DownloadAssertions.of;
import static dev.jamra.server.downloads.DownloadAssertions.untilFinished;
import static dev.jamra.server.downloads.DownloadTestServer.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cancelling downloads, with one chapter at a time so the freed slot is seen going to the next one. */
class DownloadCancelTest {
    @RegisterExtension
    static final DownloadTestServer SERVER = DownloadTestServer.create(Map.of("concurrency", "1"));

    private final RestClient http = SERVER.http();
    /** Holds the page a test catches its download at; let go after the test, whatever happened. */
    private final CountDownLatch heldPage = new CountDownLatch(1);

    @AfterEach
    void letTheHeldPageGo() {
        heldPage.countDown();
    }

    @Test
    void cancellingARunningChapterStopsItDeletesItsFilesAndFreesItsSlot() {
        SERVER.pages().addManga("slow", "Slow");
        SERVER.pages().addChapter("slow", "a", "1", List.of(PageFixture.of("1.png"), PageFixture.of("2.png"),
                PageFixture.of("3.png").heldBy(heldPage), PageFixture.of("4.png")));
        SERVER.pages().addChapter("slow", "b", "2", List.of(PageFixture.of("1.png"), PageFixture.of("2.png")));
        String item = SERVER.libraryItem("slow");
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            Map<String, JsonObject> queued = enqueue(http, item, SOURCE, "a", "b");
            String a = queued.get("a").getString("id");
            String b = queued.get("b").getString("id");
            List<JsonObject> firstPages = client.next(5);
            assertEquals("download:started", firstPages.get(0).getString("event"));
            assertEquals(2, data(firstPages.get(4), "download:page:complete").getInt("pageNumber"));
            Await.until(() -> SERVER.pages().inFlight() == 1, "page 3 is being fetched");
            assertTrue(hasFiles(SERVER.dataDir(), a));
            assertEquals("queued", download(http, b).getJsonObject("download").getString("status"),
                    "one chapter at a time");

            assertEquals(204, http.delete("/api/downloads/" + a).status());

            JsonObject cancelled = data(client.next(), "download:cancelled");
            assertEquals(a, cancelled.getString("downloadId"));
            assertEquals("a", cancelled.getString("chapterId"));
            assertFalse(hasFiles(SERVER.dataDir(), a), "its files are gone");
            JsonObject state = download(http, a);
            assertEquals("cancelled", state.getJsonObject("download").getString("status"));
            assertEquals(0, state.getJsonArray("pages").size());

            assertCompleteRun(of(untilFinished(client, Set.of(b)), b), b, "slow", "b", 2);
            assertEquals(204, http.delete("/api/downloads/" + a).status(), "cancelling again changes nothing");
            // and publishes nothing: anything it published would come before the answer to this later subscribe
            client.subscribe("after-the-second-cancel");
        }
    }

    @Test
    void deletingTheLibraryItemStopsItsDownloadsAndTakesThemAlong() {
        SERVER.pages().addManga("gone", "Gone");
        SERVER.pages().addChapter("gone", "g1", "1", List.of(PageFixture.of("1.png"),
                PageFixture.of("2.png").heldBy(heldPage)));
        SERVER.pages().addChapter("gone", "g2", "2", List.of(PageFixture.of("1.png")));
        RestClient.Response added = http.post("/api/library", Json.createObjectBuilder()
                .add("mangaId", "gone").add("extensionId", SOURCE).add("title", "Gone").add("status", "reading")
                .build());
        assertEquals(201, added.status(), added::body);
        String item = added.json().getString("id");
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            Map<String, JsonObject> queued = enqueue(http, item, SOURCE, "g1", "g2");
            String running = queued.get("g1").getString("id");
            String waiting = queued.get("g2").getString("id");
            Await.until(() -> SERVER.pages().inFlight() == 1, "page 2 of the first chapter is being fetched");
            assertTrue(hasFiles(SERVER.dataDir(), running));

            assertEquals(204, http.delete("/api/library/" + item).status());

            // started, progress and page 1 of the first chapter, one cancel per download, then the removal
            List<String> events = client.next(6).stream()
                    .map(m -> m.getString("event") + " " + m.getJsonObject("data").getString("downloadId", ""))
                    .toList();
            assertTrue(events.contains("download:cancelled " + running), events::toString);
            assertTrue(events.contains("download:cancelled " + waiting), events::toString);
            assertEquals("library:item:removed ", events.getLast(), "the item goes after its downloads");
            for (String id : List.of(running, waiting)) {
                assertEquals(404, http.get("/api/downloads/" + id).status(), id + " is gone with its item");
                assertFalse(hasFiles(SERVER.dataDir(), id), id + " left files");
            }
            assertEquals(0, http.get("/api/downloads?libraryId=" + item).json().getJsonArray("downloads").size());
        }
    }

    @Test
    void cancellingAQueuedChapterMeansItNeverStarts() {
        SERVER.pages().addManga("queue", "Queue");
        SERVER.pages().addChapter("queue", "first", "1", List.of(PageFixture.of("1.png").heldBy(heldPage)));
        SERVER.pages().addChapter("queue", "second", "2", List.of(PageFixture.of("1.png")));
        String item = SERVER.libraryItem("queue");
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            Map<String, JsonObject> queued = enqueue(http, item, SOURCE, "first", "second");
            String first = queued.get("first").getString("id");
            String second = queued.get("second").getString("id");
            JsonObject started = client.next();
            assertEquals(first, data(started, "download:started").getString("downloadId"));
            Await.until(() -> SERVER.pages().inFlight() == 1, "the first chapter is fetching");

            assertEquals(204, http.delete("/api/downloads/" + second).status());
            assertEquals(second, data(client.next(), "download:cancelled").getString("downloadId"));
            heldPage.countDown();
            List<JsonObject> rest = untilFinished(client, Set.of(first));
            List<JsonObject> firstRun = new java.util.ArrayList<>(List.of(started));
            firstRun.addAll(of(rest, first));
            assertCompleteRun(firstRun, first, "queue", "first", 1);
            assertTrue(of(rest, second).isEmpty(), "the cancelled chapter never started");
            assertEquals("cancelled", download(http, second).getJsonObject("download").getString("status"));

            Map<String, JsonObject> again = enqueue(http, item, SOURCE, "second");
            assertEquals(second, again.get("second").getString("id"), "a cancelled chapter can be queued afresh");
            assertCompleteRun(of(untilFinished(client, Set.of(second)), second), second, "queue", "second", 1);
        }
    }
}
