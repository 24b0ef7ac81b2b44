package dev.jamra.server.downloads;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.ChannelClient;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.jamra.server.downloads.DownloadAssertions.assertCompleteRun;
import static dev.jamra.server.downloads.DownloadAssertions.download;
import static dev.jamra.server.downloads.DownloadAssertions.enqueue;
import static dev.jamra.server.downloads.DownloadAssertions.of;
import static dev.jamra.server.downloads.DownloadAssertions.untilFinished;
import static dev.jamra.server.downloads.DownloadTestServer.SOURCE;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The events of chapter downloads over real WebSockets, and the state the REST API shows of them. */
class DownloadEventsTest {
    @RegisterExtension
    static final DownloadTestServer SERVER = DownloadTestServer.create(Map.of("concurrency", "3"));

    private final RestClient http = SERVER.http();

    @Test
    void eachChapterReportsItsWholeRunToWhoeverListens() throws IOException {
        CountDownLatch blockersHeld = new CountDownLatch(1);
        SERVER.pages().addManga("blockers", "Blockers");
        for (int i = 1; i <= 3; i++) {
            SERVER.pages().addChapter("blockers", "b" + i, String.valueOf(i),
                    List.of(PageFixture.of("1.png").heldBy(blockersHeld)));
        }
        SERVER.pages().addManga("trio", "Trio");
        SERVER.pages().addChapter("trio", "c1", "1", List.of(PageFixture.of("1.png"), PageFixture.of("2.png"),
                PageFixture.of("3.png")));
        SERVER.pages().addChapter("trio", "c2", "2", List.of(PageFixture.of("1.jpg"), PageFixture.of("2.png")));
        SERVER.pages().addChapter("trio", "c3", "3", List.of(
                // no useful type: stored by what its bytes are (PageServer pages are PNG), whatever its name says
                PageFixture.of("1.webp").contentType("application/octet-stream"),
                PageFixture.of("2.jpg").contentType("image/png"),
                PageFixture.of("3.jpg"),
                PageFixture.of("4.png")));
        String blockerItem = SERVER.libraryItem("blockers");
        String item = SERVER.libraryItem("trio");

        try (ChannelClient everything = ChannelClient.connect(SERVER.uri())) {
            // Three held chapters fill every slot, so the next three stay queued until the test lets them run.
            Map<String, JsonObject> blockers = enqueue(http, blockerItem, SOURCE, "b1", "b2", "b3");
            Await.until(() -> SERVER.pages().inFlight() == 3, "the three blockers fetch their page");
            try (ChannelClient subscriber = ChannelClient.connect(SERVER.uri())) {
                RestClient.Response response = http.post("/api/downloads", DownloadAssertions
                        .request(item, SOURCE, "c1", "c2", "c3")
                        .add("chapterNumbers", Json.createObjectBuilder().add("c1", "1.0"))
                        .build());
                assertEquals(202, response.status(), response::body);
                Map<String, String> ids = new HashMap<>();
                for (JsonValue value : response.json().getJsonArray("downloads")) {
                    JsonObject queued = value.asJsonObject();
                    ids.put(queued.getString("chapterId"), queued.getString("id"));
                    assertEquals("queued", queued.getString("status"));
                    assertEquals(0, queued.getInt("progress"));
                    assertEquals(item, queued.getString("libraryId"));
                    assertEquals(SOURCE, queued.getString("extensionId"));
                    assertFalse(queued.containsKey("startedAt"));
                    assertFalse(queued.containsKey("error"));
                }
                assertEquals(Set.of("c1", "c2", "c3"), ids.keySet());
                assertEquals("1.0", download(http, ids.get("c1")).getJsonObject("download").getString("chapterNumber"));
                assertEquals("2", download(http, ids.get("c2")).getJsonObject("download").getString("chapterNumber"));

                subscriber.subscribe(ids.get("c2"));
                blockersHeld.countDown();

                Set<String> all = new HashSet<>(ids.values());
                blockers.values().forEach(blocker -> all.add(blocker.getString("id")));
                List<JsonObject> seen = untilFinished(everything, all);
                assertCompleteRun(of(seen, ids.get("c1")), ids.get("c1"), "trio", "c1", 3);
                assertCompleteRun(of(seen, ids.get("c2")), ids.get("c2"), "trio", "c2", 2);
                assertCompleteRun(of(seen, ids.get("c3")), ids.get("c3"), "trio", "c3", 4);

                List<JsonObject> mine = subscriber.next(2 + 2 * 2);
                assertCompleteRun(mine, ids.get("c2"), "trio", "c2", 2);
                // The next message is the answer to this subscribe: nothing of the other chapters came in between.
                subscriber.subscribe("another-download");

                SERVER.assertFiles(http, ids.get("c1"), List.of("1.png", "2.png", "3.png"),
                        List.of("png", "png", "png"));
                SERVER.assertFiles(http, ids.get("c2"), List.of("1.jpg", "2.png"), List.of("jpg", "png"));
                SERVER.assertFiles(http, ids.get("c3"), List.of("1.webp", "2.jpg", "3.jpg", "4.png"),
                        List.of("png", "png", "jpg", "png"));
            }
        }
    }

    @Test
    void completedChaptersAreSkippedCannotBeCancelledAndCountInTheStats() {
        SERVER.pages().addManga("done", "Done");
        SERVER.pages().addChapter("done", "d1", "1", List.of(PageFixture.of("1.png"), PageFixture.of("2.png")));
        String item = SERVER.libraryItem("done");
        JsonObject before = http.get("/api/downloads/stats").json();
        String id;
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            id = enqueue(http, item, SOURCE, "d1").get("d1").getString("id");
            untilFinished(client, Set.of(id));
        }
        JsonObject state = download(http, id);
        JsonObject done = state.getJsonObject("download");
        assertEquals("completed", done.getString("status"));
        assertEquals(100, done.getInt("progress"));
        assertEquals(2, done.getInt("totalPages"));
        assertTrue(done.containsKey("startedAt") && done.containsKey("completedAt"));
        assertThat(done.getString("createdAt"), matchesPattern(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        JsonObject page = state.getJsonArray("pages").getJsonObject(0);
        assertEquals(id, page.getString("downloadId"));
        assertEquals(1, page.getInt("pageNumber"));
        assertEquals(SERVER.pages().url() + "/pages/done/d1/1.png", page.getString("pageUrl"));
        assertEquals(id + "/page_001.png", page.getString("filePath"));
        assertEquals(PageServer.bytesFor("1.png").length, page.getJsonNumber("fileSize").longValue());

        assertEquals(0, enqueue(http, item, SOURCE, "d1").size(), "a completed chapter is skipped");
        RestClient.Response cancel = http.delete("/api/downloads/" + id);
        assertEquals(400, cancel.status());
        assertThat(cancel.json().getString("message"), containsString("completed"));

        JsonObject after = http.get("/api/downloads/stats").json();
        assertEquals(before.getInt("downloadCount") + 1, after.getInt("downloadCount"));
        assertEquals(before.getJsonNumber("totalSize").longValue()
                     + PageServer.bytesFor("1.png").length + PageServer.bytesFor("2.png").length,
                after.getJsonNumber("totalSize").longValue());

        List<JsonObject> listed = http.get("/api/downloads?libraryId=" + item + "&extensionId=" + SOURCE).json()
                .getJsonArray("downloads").getValuesAs(JsonObject.class);
        assertEquals(List.of(id), listed.stream().map(d -> d.getString("id")).toList());
        assertEquals(0, http.get("/api/downloads?libraryId=" + item + "&status=failed").json()
                .getJsonArray("downloads").size());
    }
}
