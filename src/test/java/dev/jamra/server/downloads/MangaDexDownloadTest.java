package dev.jamra.server.downloads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.FakeMangaDex;
import dev.jamra.server.testing.LibraryRows;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.jamra.server.downloads.DownloadAssertions.assertCompleteRun;
import static dev.jamra.server.downloads.DownloadAssertions.data;
import static dev.jamra.server.downloads.DownloadAssertions.download;
import static dev.jamra.server.downloads.DownloadAssertions.enqueue;
import static dev.jamra.server.downloads.DownloadAssertions.of;
import static dev.jamra.server.downloads.DownloadAssertions.untilFinished;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Downloading and reading MangaDex chapters, against a fake MangaDex and image host on a local server: the exact
 * image bytes and the usual events, an expired image server replaced once, a 429 waited out, MangaDex down.
 */
class MangaDexDownloadTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create().readingMangaDex()
            .configured(Map.of(
                "sources.mangadex.requests-per-second", "1000",
                "downloads.retry-backoff", "PT0.01S"));

    private static final String SOURCE = "mangadex";
    private static LibraryRows library;

    private final RestClient http = SERVER.http();

    @BeforeAll
    static void openTheLibrary() {
        library = LibraryRows.open(SERVER.dataDir());
    }

    @AfterAll
    static void tearDown() {
        library.close();
    }

    private static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A manga with one chapter of {@code pages} pages in the library; returns the library item's id. */
    private static String itemWithChapter(String name, String chapterId, int pages) {
        SERVER.mangaDex().addManga(id(name), name);
        SERVER.mangaDex().addChapter(id(name), chapterId, "1", "en", pages, null);
        return library.insert(id(name), SOURCE);
    }

    @Test
    void aChapterDownloadsWithTheExactBytesAndTheUsualEvents() throws IOException {
        String chapter = id("complete-1");
        String item = itemWithChapter("complete", chapter, 3);
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            String downloadId = enqueue(http, item, SOURCE, chapter).get(chapter).getString("id");
            assertCompleteRun(of(untilFinished(client, Set.of(downloadId)), downloadId), downloadId, id("complete"),
                    chapter, 3);
            assertPages(downloadId, chapter, 3);
        }
        assertEquals(1, SERVER.mangaDex().requests("/at-home/server/" + chapter).size());

        // the reader serves the download from disk, and a chapter not downloaded straight from the image host
        String other = id("complete-2");
        SERVER.mangaDex().addChapter(id("complete"), other, "2", "en", 2, null);
        RestClient.Response fromDisk = http.get("/api/reader/" + item + "/chapters/" + chapter + "/pages/2");
        assertEquals(200, fromDisk.status(), fromDisk::body);
        assertArrayEquals(SERVER.mangaDex().pageBytes(chapter, 1), fromDisk.bytes());
        RestClient.Response streamed = http.get("/api/reader/" + item + "/chapters/" + other + "/pages/2");
        assertEquals(200, streamed.status(), streamed::body);
        assertEquals("image/png", streamed.contentType());
        assertArrayEquals(SERVER.mangaDex().pageBytes(other, 1), streamed.bytes());
    }

    @Test
    void anExpiredImageServerIsReplacedOnceAndTheDownloadCompletes() throws IOException {
        String chapter = id("expired-1");
        String item = itemWithChapter("expired", chapter, 3);
        assertEquals(200, http.get("/api/extensions/mangadex/manga/" + id("expired") + "/chapters/" + chapter
                                   + "/pages").status(), "the chapter's image server is known");
        SERVER.mangaDex().expireImageServer();
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            String downloadId = enqueue(http, item, SOURCE, chapter).get(chapter).getString("id");
            assertCompleteRun(of(untilFinished(client, Set.of(downloadId)), downloadId), downloadId, id("expired"),
                    chapter, 3);
            assertPages(downloadId, chapter, 3);
        }
        assertEquals(2, SERVER.mangaDex().requests("/at-home/server/" + chapter).size(),
                "one new image server for the whole chapter");
    }

    @Test
    void aRateLimitedImageServerRequestIsWaitedOut() throws IOException {
        String chapter = id("limited-1");
        String item = itemWithChapter("limited", chapter, 2);
        long allowedAgain = Instant.now().getEpochSecond() + 2;
        SERVER.mangaDex().rateLimitNext("/at-home/server/" + chapter, "X-RateLimit-Retry-After", String.valueOf(allowedAgain));
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            String downloadId = enqueue(http, item, SOURCE, chapter).get(chapter).getString("id");
            assertCompleteRun(of(untilFinished(client, Set.of(downloadId)), downloadId), downloadId, id("limited"),
                    chapter, 2);
            assertPages(downloadId, chapter, 2);
        }
        List<FakeMangaDex.Request> asked = SERVER.mangaDex().requests("/at-home/server/" + chapter);
        assertEquals(2, asked.size());
        long waited = TimeUnit.NANOSECONDS.toMillis(asked.get(1).arrivedNanos() - asked.get(0).arrivedNanos());
        assertThat(waited, greaterThanOrEqualTo(950L));
    }

    @Test
    void mangaDexDownIsA502NamingTheSourceAndAFailedDownloadWithAReason() {
        String chapter = id("down-1");
        String item = itemWithChapter("down", chapter, 2);
        String unseen = itemWithChapter("down-unseen", id("down-unseen-1"), 1);
        // the manga's details are known (for a minute) from before MangaDex went down: its chapter can be queued
        assertEquals(200, http.get("/api/extensions/mangadex/manga/" + id("down")).status());
        SERVER.mangaDex().down(true);
        try {
            RestClient.Response search = http.get("/api/extensions/mangadex/search?query=down");
            assertEquals(502, search.status(), search::body);
            assertThat(search.message(), containsString("mangadex"));
            RestClient.Response details = http.get("/api/extensions/mangadex/manga/" + id("down-unseen"));
            assertEquals(502, details.status(), details::body);
            assertThat(details.message(), containsString("mangadex"));
            RestClient.Response queue = http.post("/api/downloads",
                    DownloadAssertions.request(unseen, SOURCE, id("down-unseen-1")).build());
            assertEquals(502, queue.status(), queue::body);
            assertThat(queue.message(), containsString("mangadex"));
            RestClient.Response reader = http.get("/api/reader/" + item + "/chapters/" + chapter);
            assertEquals(502, reader.status(), reader::body);
            assertThat(reader.message(), containsString("mangadex"));

            try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
                String downloadId = enqueue(http, item, SOURCE, chapter).get(chapter).getString("id");
                List<JsonObject> events = of(untilFinished(client, Set.of(downloadId)), downloadId);
                assertEquals(2, events.size(), events::toString);
                data(events.get(0), "download:started");
                JsonObject failed = data(events.get(1), "download:failed");
                // the reason names the source; what MangaDex answered goes to the server log only
                assertEquals("The source 'mangadex' could not list the pages", failed.getString("error"));
                JsonObject state = download(http, downloadId).getJsonObject("download");
                assertEquals("failed", state.getString("status"));
                assertEquals(failed.getString("error"), state.getString("error"));
            }
        } finally {
            SERVER.mangaDex().down(false);
        }
    }

    @Test
    void anExternalChapterDownloadFailsSayingWhy() {
        SERVER.mangaDex().addManga(id("elsewhere"), "Elsewhere");
        String chapter = id("elsewhere-1");
        SERVER.mangaDex().addChapter(id("elsewhere"), chapter, "1", "en", 0, "https://mangaplus.example/viewer/7");
        String item = library.insert(id("elsewhere"), SOURCE);
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            String downloadId = enqueue(http, item, SOURCE, chapter).get(chapter).getString("id");
            List<JsonObject> events = of(untilFinished(client, Set.of(downloadId)), downloadId);
            JsonObject failed = data(events.getLast(), "download:failed");
            assertThat(failed.getString("error"), allOf(containsString("another site"),
                    containsString("https://mangaplus.example/viewer/7")));
        }
        RestClient.Response reader = http.get("/api/reader/" + item + "/chapters/" + chapter + "/pages/1");
        assertEquals(404, reader.status(), reader::body);
        assertThat(reader.message(), containsString("another site"));
    }

    private static void assertPages(String downloadId, String chapterId, int count) throws IOException {
        Path folder = DownloadAssertions.folder(SERVER.dataDir(), downloadId);
        assertEquals(count, DownloadAssertions.pageFiles(folder).size(), "only the pages");
        for (int i = 0; i < count; i++) {
            Path file = folder.resolve(String.format("page_%03d.png", i + 1));
            assertArrayEquals(SERVER.mangaDex().pageBytes(chapterId, i), Files.readAllBytes(file), file.toString());
        }
    }
}
