package dev.jamra.server.downloads;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import dev.jamra.server.Main;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.LibraryRows;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.TestConfig;
import dev.jamra.server.testing.WsClient;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static dev.jamra.server.downloads.DownloadAssertions.assertCompleteRun;
import static dev.jamra.server.downloads.DownloadAssertions.data;
import static dev.jamra.server.downloads.DownloadAssertions.download;
import static dev.jamra.server.downloads.DownloadAssertions.enqueue;
import static dev.jamra.server.downloads.DownloadAssertions.hasFiles;
import static dev.jamra.server.downloads.DownloadAssertions.of;
import static dev.jamra.server.downloads.DownloadAssertions.untilFinished;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chapter downloads from a remote source whose pages are on a real local HTTP server, watched over real
 * WebSockets: the event sequence of each chapter, subscriptions, files on disk, retries, failures, re-queues,
 * the concurrency cap, and the REST rules around them.
 */
@ServerTest
class DownloadEventsTest {
    private static final String SOURCE = "fixture";
    private static final int RETRIES = 3;
    private static final int MAX_PAGE_SIZE = 8192;
    private static Path dataDir;
    private static PageServer pages;
    private static LibraryRows library;

    private final URI uri;
    private final RestClient http;

    DownloadEventsTest(URI uri) {
        this.uri = uri;
        this.http = new RestClient(uri);
    }

    @SetUpServer
    static void setup(WebServerConfig.Builder server) {
        dataDir = TestConfig.newDataDir();
        pages = PageServer.start();
        Main.setup(server, TestConfig.create(dataDir, Map.of(
                "sources.fixture.url", pages.url(),
                "downloads.concurrency", "3",
                "downloads.retries", String.valueOf(RETRIES),
                "downloads.retry-backoff", "PT0.01S",
                "downloads.max-page-size", String.valueOf(MAX_PAGE_SIZE))));
        library = LibraryRows.open(dataDir);
    }

    @AfterAll
    static void tearDown() {
        library.close();
        pages.close();
    }

    @Test
    void eachChapterReportsItsWholeRunToWhoeverListens() throws IOException {
        CountDownLatch blockersHeld = new CountDownLatch(1);
        pages.addManga("blockers", "Blockers");
        for (int i = 1; i <= 3; i++) {
            pages.addChapter("blockers", "b" + i, String.valueOf(i), List.of(PageFixture.of("1.png").heldBy(blockersHeld)));
        }
        pages.addManga("trio", "Trio");
        pages.addChapter("trio", "c1", "1", List.of(PageFixture.of("1.png"), PageFixture.of("2.png"),
                PageFixture.of("3.png")));
        pages.addChapter("trio", "c2", "2", List.of(PageFixture.of("1.jpg"), PageFixture.of("2.png")));
        pages.addChapter("trio", "c3", "3", List.of(
                PageFixture.of("1.webp").contentType("application/octet-stream"),
                PageFixture.of("2.jpg").contentType("image/png"),
                PageFixture.of("3.jpg"),
                PageFixture.of("4.png")));
        String blockerItem = library.insert("blockers", SOURCE);
        String item = library.insert("trio", SOURCE);

        try (WsClient everything = WsClient.connect(uri)) {
            // Three held chapters fill every slot, so the next three stay queued until the test lets them run.
            Map<String, JsonObject> blockers = enqueue(http, blockerItem, SOURCE, "b1", "b2", "b3");
            Await.until(() -> pages.inFlight() == 3, "the three blockers fetch their page");
            try (WsClient subscriber = WsClient.connect(uri)) {
                RestClient.Response response = http.post("/api/downloads", DownloadAssertions
                        .request(item, SOURCE, "c1", "c2", "c3")
                        .add("chapterNumbers", Json.createObjectBuilder().add("c1", "1.0"))
                        .build());
                assertEquals(202, response.status(), response::body);
                Map<String, String> ids = new java.util.HashMap<>();
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
                assertEquals(0, subscriber.pending());

                assertFiles(ids.get("c1"), "trio", "c1", List.of("1.png", "2.png", "3.png"), List.of("png", "png", "png"));
                assertFiles(ids.get("c2"), "trio", "c2", List.of("1.jpg", "2.png"), List.of("jpg", "png"));
                assertFiles(ids.get("c3"), "trio", "c3", List.of("1.webp", "2.jpg", "3.jpg", "4.png"),
                        List.of("webp", "png", "jpg", "png"));
            }
        }
    }

    @Test
    void aPageThatFailsTwiceIsRetriedAndTheChapterCompletes() throws IOException {
        pages.addManga("flaky", "Flaky");
        pages.addChapter("flaky", "f1", "1", List.of(PageFixture.of("1.png").failing(2, 503),
                PageFixture.of("2.png").failing(1, 429)));
        String item = library.insert("flaky", SOURCE);
        try (WsClient client = WsClient.connect(uri)) {
            String id = enqueue(http, item, SOURCE, "f1").get("f1").getString("id");
            assertCompleteRun(of(untilFinished(client, Set.of(id)), id), id, "flaky", "f1", 2);
            assertEquals(3, pages.requests("flaky", "f1", "1.png"));
            assertEquals(2, pages.requests("flaky", "f1", "2.png"));
            assertFiles(id, "flaky", "f1", List.of("1.png", "2.png"), List.of("png", "png"));
        }
    }

    @Test
    void aPageThatAlwaysFailsFailsTheChapterAndARequeueStartsItAfresh() throws IOException {
        pages.addManga("broken", "Broken");
        pages.addChapter("broken", "x1", "1", List.of(PageFixture.of("1.png"),
                PageFixture.of("2.png").failing(Integer.MAX_VALUE, 500)));
        String item = library.insert("broken", SOURCE);
        try (WsClient client = WsClient.connect(uri)) {
            String id = enqueue(http, item, SOURCE, "x1").get("x1").getString("id");
            List<JsonObject> events = of(untilFinished(client, Set.of(id)), id);
            assertEquals(List.of("download:started", "download:progress", "download:page:complete", "download:failed"),
                    events.stream().map(e -> e.getString("event")).toList());
            JsonObject failed = data(events.get(3), "download:failed");
            assertEquals("x1", failed.getString("chapterId"));
            assertThat(failed.getString("error"), containsString("Page 2"));
            assertThat(failed.getString("error"), containsString("HTTP 500"));
            assertEquals(1 + RETRIES, pages.requests("broken", "x1", "2.png"));

            JsonObject state = download(http, id);
            assertEquals("failed", state.getJsonObject("download").getString("status"));
            assertEquals(failed.getString("error"), state.getJsonObject("download").getString("error"));
            assertEquals(0, state.getJsonArray("pages").size());
            assertFalse(hasFiles(dataDir, id), "a failed download keeps no files");
            assertEquals(400, http.delete("/api/downloads/" + id).status(), "a failed download cannot be cancelled");

            pages.replacePage("broken", "x1", PageFixture.of("2.png"));
            Map<String, JsonObject> requeued = enqueue(http, item, SOURCE, "x1");
            assertEquals(id, requeued.get("x1").getString("id"), "queued afresh in place");
            assertEquals("queued", requeued.get("x1").getString("status"));
            assertFalse(requeued.get("x1").containsKey("error"));
            assertCompleteRun(of(untilFinished(client, Set.of(id)), id), id, "broken", "x1", 2);
            assertFiles(id, "broken", "x1", List.of("1.png", "2.png"), List.of("png", "png"));
        }
    }

    @Test
    void aMissingPageIsNotRetried() {
        pages.addManga("gone", "Gone");
        pages.addChapter("gone", "g1", "1", List.of(PageFixture.of("1.png").failing(Integer.MAX_VALUE, 404)));
        String item = library.insert("gone", SOURCE);
        try (WsClient client = WsClient.connect(uri)) {
            String id = enqueue(http, item, SOURCE, "g1").get("g1").getString("id");
            List<JsonObject> events = of(untilFinished(client, Set.of(id)), id);
            assertThat(data(events.get(events.size() - 1), "download:failed").getString("error"),
                    containsString("HTTP 404"));
            assertEquals(1, pages.requests("gone", "g1", "1.png"));
        }
    }

    @Test
    void redirectsAreFollowedAndPagesOverTheSizeCapAreRefused() throws IOException {
        byte[] big = new byte[MAX_PAGE_SIZE + 1];
        pages.addManga("sizes", "Sizes");
        pages.addChapter("sizes", "moved", "1", List.of(PageFixture.of("1.png").behindRedirect()));
        pages.addChapter("sizes", "declared", "2", List.of(PageFixture.of("big.png").withBytes(big)));
        pages.addChapter("sizes", "streamed", "3", List.of(PageFixture.of("big.png").withBytes(big).sentChunked()));
        String item = library.insert("sizes", SOURCE);
        try (WsClient client = WsClient.connect(uri)) {
            Map<String, JsonObject> queued = enqueue(http, item, SOURCE, "moved", "declared", "streamed");
            Set<String> ids = new HashSet<>();
            queued.values().forEach(download -> ids.add(download.getString("id")));
            List<JsonObject> events = untilFinished(client, ids);

            String moved = queued.get("moved").getString("id");
            assertCompleteRun(of(events, moved), moved, "sizes", "moved", 1);
            assertFiles(moved, "sizes", "moved", List.of("1.png"), List.of("png"));
            for (String chapter : List.of("declared", "streamed")) {
                String id = queued.get(chapter).getString("id");
                List<JsonObject> run = of(events, id);
                assertThat(data(run.get(run.size() - 1), "download:failed").getString("error"),
                        containsString("larger than the " + MAX_PAGE_SIZE + " bytes"));
                assertEquals(1, pages.requests("sizes", chapter, "big.png"), "a page too large is not retried");
                assertFalse(hasFiles(dataDir, id));
            }
        }
    }

    @Test
    void neverMoreThanTheConfiguredNumberOfChaptersAtOnce() {
        CountDownLatch held = new CountDownLatch(1);
        pages.addManga("six", "Six");
        List<String> chapters = List.of("s1", "s2", "s3", "s4", "s5", "s6");
        for (String chapter : chapters) {
            pages.addChapter("six", chapter, chapter.substring(1), List.of(PageFixture.of("1.png").heldBy(held)));
        }
        String item = library.insert("six", SOURCE);
        pages.resetMaxInFlight();
        try (WsClient client = WsClient.connect(uri)) {
            Map<String, JsonObject> queued = enqueue(http, item, SOURCE, chapters.toArray(String[]::new));
            assertEquals(6, queued.size());
            Await.until(() -> pages.inFlight() == 3, "three chapters fetch at once");
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
            assertEquals(3, pages.maxInFlight(), "page requests in flight at once, as the page server saw");
        }
        assertEquals(6, http.get("/api/downloads?status=completed&libraryId=" + item).json()
                .getJsonArray("downloads").size());
    }

    @Test
    void completedChaptersAreSkippedCannotBeCancelledAndCountInTheStats() {
        pages.addManga("done", "Done");
        pages.addChapter("done", "d1", "1", List.of(PageFixture.of("1.png"), PageFixture.of("2.png")));
        String item = library.insert("done", SOURCE);
        JsonObject before = http.get("/api/downloads/stats").json();
        String id;
        try (WsClient client = WsClient.connect(uri)) {
            id = enqueue(http, item, SOURCE, "d1").get("d1").getString("id");
            untilFinished(client, Set.of(id));
        }
        JsonObject state = download(http, id);
        JsonObject done = state.getJsonObject("download");
        assertEquals("completed", done.getString("status"));
        assertEquals(100, done.getInt("progress"));
        assertEquals(2, done.getInt("totalPages"));
        assertTrue(done.containsKey("startedAt") && done.containsKey("completedAt"));
        assertThat(done.getString("createdAt"), org.hamcrest.Matchers.matchesPattern(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        JsonObject page = state.getJsonArray("pages").getJsonObject(0);
        assertEquals(id, page.getString("downloadId"));
        assertEquals(1, page.getInt("pageNumber"));
        assertEquals(pages.url() + "/pages/done/d1/1.png", page.getString("pageUrl"));
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

    @Test
    void badRequestsGetClearErrors() {
        pages.addManga("checks", "Checks");
        pages.addChapter("checks", "k1", "1", List.of(PageFixture.of("1.png")));
        String item = library.insert("checks", SOURCE);
        String local = library.insert("elsewhere", "local");

        assertError(400, "chapterIds", http.post("/api/downloads", DownloadAssertions.request(item, SOURCE).build()));
        assertError(400, "libraryId", http.post("/api/downloads",
                DownloadAssertions.request("no-such-item", SOURCE, "k1").build()));
        assertError(400, "extensionId", http.post("/api/downloads",
                DownloadAssertions.request(item, "local", "k1").build()));
        RestClient.Response unknown = http.post("/api/downloads",
                DownloadAssertions.request(item, SOURCE, "k1", "k9").build());
        assertError(400, "chapterIds", unknown);
        assertEquals(Json.createArrayBuilder().add("k9").build(),
                unknown.json().getJsonObject("details").getJsonArray("unknown"), unknown::body);
        assertError(400, "libraryId", http.post("/api/downloads",
                DownloadAssertions.request(local, "local", "k1").build()));
        assertError(400, "chapterIds", http.post("/api/downloads", "application/json",
                "{\"libraryId\":\"" + item + "\",\"extensionId\":\"fixture\",\"chapterIds\":[1]}"));
        assertError(400, "chapterNumbers", http.post("/api/downloads", DownloadAssertions
                .request(item, SOURCE, "k1").add("chapterNumbers", "1").build()));
        assertEquals(400, http.post("/api/downloads", "application/json", "{\"libraryId\":").status());
        assertEquals(415, http.post("/api/downloads", "text/plain", "k1").status());
        assertError(400, "status", http.get("/api/downloads?status=paused"));
        assertEquals(404, http.get("/api/downloads/no-such-download").status());
        assertEquals(404, http.delete("/api/downloads/no-such-download").status());
        assertEquals(0, http.get("/api/downloads?libraryId=" + item).json().getJsonArray("downloads").size(),
                "nothing was queued by a bad request");
    }

    private static void assertError(int status, String field, RestClient.Response response) {
        assertEquals(status, response.status(), response::body);
        JsonObject body = response.json();
        assertFalse(body.getString("message").isBlank());
        assertEquals(field, body.getJsonObject("details").getString("field"), response::body);
    }

    private void assertFiles(String downloadId, String manga, String chapter, List<String> names,
                             List<String> extensions) throws IOException {
        Path folder = DownloadAssertions.folder(dataDir, downloadId);
        try (var files = Files.list(folder)) {
            assertEquals(names.size(), files.count(), "only the pages, no temporary files");
        }
        for (int i = 0; i < names.size(); i++) {
            Path file = folder.resolve(String.format("page_%03d.%s", i + 1, extensions.get(i)));
            assertArrayEquals(PageServer.bytesFor(names.get(i)), Files.readAllBytes(file), file.toString());
        }
        assertEquals(names.size(), download(http, downloadId).getJsonArray("pages").size());
        assertEquals(0, pages.inFlight(), manga + "/" + chapter + " left no request behind");
    }
}
