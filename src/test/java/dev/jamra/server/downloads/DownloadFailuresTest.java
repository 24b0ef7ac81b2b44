package dev.jamra.server.downloads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.ChannelClient;

import jakarta.json.JsonObject;
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
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Pages that fail, retries, the size cap, redirects and what counts as a page image. */
class DownloadFailuresTest {
    private static final int RETRIES = 3;
    private static final int MAX_PAGE_SIZE = 8192;

    @RegisterExtension
    static final DownloadTestServer SERVER = DownloadTestServer.create(Map.of("concurrency", "3",
            "retries", String.valueOf(RETRIES), "max-page-size", String.valueOf(MAX_PAGE_SIZE)));

    private final RestClient http = SERVER.http();

    @Test
    void aPageThatFailsTwiceIsRetriedAndTheChapterCompletes() throws IOException {
        SERVER.pages().addManga("flaky", "Flaky");
        SERVER.pages().addChapter("flaky", "f1", "1", List.of(PageFixture.of("1.png").failing(2, 503),
                PageFixture.of("2.png").failing(1, 429)));
        String item = SERVER.libraryItem("flaky");
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            String id = enqueue(http, item, SOURCE, "f1").get("f1").getString("id");
            assertCompleteRun(of(untilFinished(client, Set.of(id)), id), id, "flaky", "f1", 2);
            assertEquals(3, SERVER.pages().requests("flaky", "f1", "1.png"));
            assertEquals(2, SERVER.pages().requests("flaky", "f1", "2.png"));
            SERVER.assertFiles(http, id, List.of("1.png", "2.png"), List.of("png", "png"));
        }
    }

    @Test
    void aPageThatAlwaysFailsFailsTheChapterAndARequeueStartsItAfresh() throws IOException {
        SERVER.pages().addManga("broken", "Broken");
        SERVER.pages().addChapter("broken", "x1", "1", List.of(PageFixture.of("1.png"),
                PageFixture.of("2.png").failing(Integer.MAX_VALUE, 500)));
        String item = SERVER.libraryItem("broken");
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            String id = enqueue(http, item, SOURCE, "x1").get("x1").getString("id");
            List<JsonObject> events = of(untilFinished(client, Set.of(id)), id);
            assertEquals(List.of("download:started", "download:progress", "download:page:complete", "download:failed"),
                    events.stream().map(e -> e.getString("event")).toList());
            JsonObject failed = data(events.get(3), "download:failed");
            assertEquals("x1", failed.getString("chapterId"));
            assertThat(failed.getString("error"), containsString("Page 2"));
            assertThat(failed.getString("error"), containsString("HTTP 500"));
            assertEquals(1 + RETRIES, SERVER.pages().requests("broken", "x1", "2.png"));

            JsonObject state = download(http, id);
            assertEquals("failed", state.getJsonObject("download").getString("status"));
            assertEquals(failed.getString("error"), state.getJsonObject("download").getString("error"));
            assertEquals(0, state.getJsonArray("pages").size());
            assertFalse(hasFiles(SERVER.dataDir(), id), "a failed download keeps no files");
            assertEquals(400, http.delete("/api/downloads/" + id).status(), "a failed download cannot be cancelled");

            SERVER.pages().replacePage("broken", "x1", PageFixture.of("2.png"));
            Map<String, JsonObject> requeued = enqueue(http, item, SOURCE, "x1");
            assertEquals(id, requeued.get("x1").getString("id"), "queued afresh in place");
            assertEquals("queued", requeued.get("x1").getString("status"));
            assertFalse(requeued.get("x1").containsKey("error"));
            assertCompleteRun(of(untilFinished(client, Set.of(id)), id), id, "broken", "x1", 2);
            SERVER.assertFiles(http, id, List.of("1.png", "2.png"), List.of("png", "png"));
        }
    }

    @Test
    void aMissingPageIsNotRetried() {
        SERVER.pages().addManga("gone", "Gone");
        SERVER.pages().addChapter("gone", "g1", "1", List.of(PageFixture.of("1.png").failing(Integer.MAX_VALUE, 404)));
        String item = SERVER.libraryItem("gone");
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            String id = enqueue(http, item, SOURCE, "g1").get("g1").getString("id");
            List<JsonObject> events = of(untilFinished(client, Set.of(id)), id);
            assertThat(data(events.get(events.size() - 1), "download:failed").getString("error"),
                    containsString("HTTP 404"));
            assertEquals(1, SERVER.pages().requests("gone", "g1", "1.png"));
        }
    }

    @Test
    void pagesOverTheSizeCapAreRefused() {
        byte[] big = new byte[MAX_PAGE_SIZE + 1];
        SERVER.pages().addManga("sizes", "Sizes");
        SERVER.pages().addChapter("sizes", "declared", "1", List.of(PageFixture.of("big.png").withBytes(big)));
        SERVER.pages().addChapter("sizes", "streamed", "2",
                List.of(PageFixture.of("big.png").withBytes(big).sentChunked()));
        Map<String, String> ids = new LinkedHashMap<>();
        List<JsonObject> events = run("sizes", ids, "declared", "streamed");
        for (String chapter : ids.keySet()) {
            assertThat(failure(events, ids.get(chapter)), containsString("larger than the " + MAX_PAGE_SIZE + " bytes"));
            assertEquals(1, SERVER.pages().requests("sizes", chapter, "big.png"), "a page too large is not retried");
            assertFalse(hasFiles(SERVER.dataDir(), ids.get(chapter)));
        }
    }

    @Test
    void redirectsAreFollowedToHttpUrlsOnly() throws IOException {
        SERVER.pages().addManga("hops", "Hops");
        SERVER.pages().addChapter("hops", "relative", "1", List.of(PageFixture.of("1.png")
                .listedAt(SERVER.pages().url() + "/moved/pages/hops/relative/1.png")));
        SERVER.pages().addChapter("hops", "twice", "2", List.of(PageFixture.of("1.png")
                .listedAt(SERVER.pages().redirectUrl(
                        SERVER.pages().redirectUrl(SERVER.pages().pageUrl("hops", "twice", "1.png"))))));
        SERVER.pages().addChapter("hops", "to-file", "3", List.of(PageFixture.of("1.png")
                .listedAt(SERVER.pages().redirectUrl("file:///etc/passwd"))));
        SERVER.pages().addChapter("hops", "to-no-host", "4", List.of(PageFixture.of("1.png")
                .listedAt(SERVER.pages().redirectUrl("http:///latest/meta-data/"))));
        SERVER.pages().addChapter("hops", "loop", "5",
                List.of(PageFixture.of("1.png").listedAt(SERVER.pages().loopUrl())));
        Map<String, String> ids = new LinkedHashMap<>();
        List<JsonObject> events = run("hops", ids, "relative", "twice", "to-file", "to-no-host", "loop");

        for (String chapter : List.of("relative", "twice")) {
            assertCompleteRun(of(events, ids.get(chapter)), ids.get(chapter), "hops", chapter, 1);
            SERVER.assertFiles(http, ids.get(chapter), List.of("1.png"), List.of("png"));
        }
        assertThat(failure(events, ids.get("to-file")), containsString("Refused a redirect to a URL that is not http"));
        assertThat(failure(events, ids.get("to-no-host")), containsString("Refused a redirect to a URL without a host"));
        for (String chapter : List.of("to-file", "to-no-host")) {
            assertEquals(0, SERVER.pages().requests("hops", chapter, "1.png"), chapter + " reached the page");
            assertFalse(hasFiles(SERVER.dataDir(), ids.get(chapter)));
        }
        assertThat(failure(events, ids.get("loop")), containsString("More than 5 redirects"));
        assertEquals(6, SERVER.pages().loopRequests(), "the first request and five redirects");
    }

    @Test
    void onlyImagesAreKept() throws IOException {
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0};
        byte[] unknown = "no signature anyone knows".getBytes(StandardCharsets.UTF_8);
        SERVER.pages().addManga("types", "Types");
        SERVER.pages().addChapter("types", "html", "1", List.of(PageFixture.of("1.png").contentType("text/html")));
        SERVER.pages().addChapter("types", "opaque", "2", List.of(PageFixture.of("1.png")
                .contentType("application/octet-stream").withBytes("<html>a login page</html>".getBytes())));
        SERVER.pages().addChapter("types", "untyped", "3",
                List.of(PageFixture.of("1.png").contentType(null).withBytes(jpeg)));
        SERVER.pages().addChapter("types", "odd", "4", List.of(PageFixture.of("1.gif").contentType("image/x-odd")
                .withBytes(unknown)
                .listedAt(SERVER.pages().redirectUrl(SERVER.pages().pageUrl("types", "odd", "1.gif")))));
        SERVER.pages().addChapter("types", "odd-unnamed", "5", List.of(PageFixture.of("page").contentType("image/x-odd")
                .withBytes(unknown)));
        Map<String, String> ids = new LinkedHashMap<>();
        List<JsonObject> events = run("types", ids, "html", "opaque", "untyped", "odd", "odd-unnamed");

        for (String chapter : List.of("html", "opaque", "odd-unnamed")) {
            assertThat(chapter, failure(events, ids.get(chapter)), containsString("is not a page image"));
            assertFalse(hasFiles(SERVER.dataDir(), ids.get(chapter)));
        }
        assertEquals(1, SERVER.pages().requests("types", "html", "1.png"), "not an image is not retried");
        // no type, but the bytes of a jpeg; an unknown image type, named by the URL it finally came from
        Path untyped = DownloadAssertions.folder(SERVER.dataDir(), ids.get("untyped")).resolve("page_001.jpg");
        assertArrayEquals(jpeg, Files.readAllBytes(untyped));
        Path odd = DownloadAssertions.folder(SERVER.dataDir(), ids.get("odd")).resolve("page_001.gif");
        assertArrayEquals(unknown, Files.readAllBytes(odd));
    }

    /** Queues chapters of a manga and reads events until each is over; fills {@code ids} by chapter. */
    private List<JsonObject> run(String mangaId, Map<String, String> ids, String... chapterIds) {
        String item = SERVER.libraryItem(mangaId);
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            enqueue(http, item, SOURCE, chapterIds).forEach((chapter, download) -> ids.put(chapter,
                    download.getString("id")));
            return untilFinished(client, new HashSet<>(ids.values()));
        }
    }

    /** The error of a download's {@code download:failed}, its last event. */
    private static String failure(List<JsonObject> events, String downloadId) {
        List<JsonObject> run = of(events, downloadId);
        return data(run.get(run.size() - 1), "download:failed").getString("error");
    }
}
