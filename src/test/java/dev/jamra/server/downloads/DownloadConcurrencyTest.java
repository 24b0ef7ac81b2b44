package dev.jamra.server.downloads;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.ChannelClient;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.jamra.server.downloads.DownloadAssertions.enqueue;
import static dev.jamra.server.downloads.DownloadAssertions.untilFinished;
import static dev.jamra.server.downloads.DownloadTestServer.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The concurrency cap, as the events and the page site both see it. */
class DownloadConcurrencyTest {
    @RegisterExtension
    static final DownloadTestServer SERVER = DownloadTestServer.create(Map.of("concurrency", "3"));

    private final RestClient http = SERVER.http();

    @Test
    void neverMoreThanTheConfiguredNumberOfChaptersAtOnce() {
        CountDownLatch held = new CountDownLatch(1);
        SERVER.pages().addManga("six", "Six");
        List<String> chapters = List.of("s1", "s2", "s3", "s4", "s5", "s6");
        for (String chapter : chapters) {
            SERVER.pages().addChapter("six", chapter, chapter.substring(1),
                    List.of(PageFixture.of("1.png").heldBy(held)));
        }
        String item = SERVER.libraryItem("six");
        SERVER.pages().resetMaxInFlight();
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            Map<String, JsonObject> queued = enqueue(http, item, SOURCE, chapters.toArray(String[]::new));
            assertEquals(6, queued.size());
            Await.until(() -> SERVER.pages().inFlight() == 3, "three chapters fetch at once");
            assertEquals(3, http.get("/api/downloads?status=downloading&libraryId=" + item).json()
                    .getJsonArray("downloads").size());
            assertEquals(3, http.get("/api/downloads?status=queued&libraryId=" + item).json()
                    .getJsonArray("downloads").size());
            held.countDown();

            Set<String> ids = new HashSet<>();
            queued.values().forEach(download -> ids.add(download.getString("id")));
            int running = 0;
            int mostRunning = 0;
            for (JsonObject event : untilFinished(client, ids)) {
                switch (event.getString("event")) {
                    case "download:started" -> mostRunning = Math.max(mostRunning, ++running);
                    case "download:chapter:complete" -> running--;
                    default -> {
                        // progress of a running chapter
                    }
                }
            }
            assertEquals(3, mostRunning, "chapters running at once, as the events tell");
            assertEquals(3, SERVER.pages().maxInFlight(), "page requests in flight at once, as the page server saw");
        }
        assertEquals(6, http.get("/api/downloads?status=completed&libraryId=" + item).json()
                .getJsonArray("downloads").size());
    }
}
