package dev.jamra.server.reader;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.RawHttp;
import dev.jamra.server.testing.RestClient;
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
 * Reading progress as the reader app makes it: it never reports progress, it only fetches page images. Each test
 * reads on one kept-open connection, so an answer there comes after the server recorded the pages before it.
 */
class ReadingFromTheReaderTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create().readingSite()
            .preparedBy(ReadingFromTheReaderTest::prepare);

    private static final int MANGA_COUNT = 7;
    private static final AtomicInteger MANGA = new AtomicInteger();

    private final URI uri = SERVER.uri();
    private final RestClient http = SERVER.http();

    private static void prepare() {
        for (int i = 1; i <= MANGA_COUNT; i++) {  // a manga per library item, so each test has its own
            SERVER.site().addManga("series-" + i, "Series " + i);
            SERVER.site().addChapter("series-" + i, "s1", "7", List.of(PageFixture.of("1.png"), PageFixture.of("2.png"),
                    PageFixture.of("3.png")));
            SERVER.site().addChapter("series-" + i, "s2", "8", List.of(PageFixture.of("1.png")));
        }
    }

    /** A new library item for the fixture manga; returns it. */
    private JsonObject newItem() {
        int manga = MANGA.incrementAndGet();
        assertTrue(manga <= MANGA_COUNT, "add more manga to the SERVER.site()");
        RestClient.Response added = http.post("/api/library", Json.createObjectBuilder()
                .add("mangaId", "series-" + manga).add("extensionId", "fixture")
                .add("title", "Series " + manga).add("status", "reading").build());
        assertEquals(201, added.status(), added::toString);
        return added.json();
    }

    private static String page(String libraryId, String chapterId, int number) {
        return "/api/reader/" + libraryId + "/chapters/" + chapterId + "/pages/" + number;
    }

    private static JsonObject json(RawHttp.Answer answer) {
        return Json.createReader(new java.io.StringReader(answer.body())).readObject();
    }

    @Test
    void theFurthestPageServedCountsAndAnExplicitReportStillSetsAnyPage() {
        String id = newItem().getString("id");
        try (RawHttp.Connection reader = RawHttp.Connection.open(uri)) {
            assertEquals(200, reader.send("GET", page(id, "s1", 2)).status());
            assertEquals(200, reader.send("GET", page(id, "s1", 1)).status());

            RawHttp.Answer lastRead = reader.send("GET", "/api/library/" + id + "/last-read");
            assertEquals(200, lastRead.status(), lastRead::body);
            JsonObject progress = json(lastRead);
            assertEquals("s1", progress.getString("chapterId"));
            assertEquals("7", progress.getString("chapterNumber"), "the number the source gives the chapter");
            assertEquals(2, progress.getInt("pageNumber"), "page 1 after page 2 does not move it back");
            assertEquals(3, progress.getInt("totalPages"));
            assertFalse(progress.getBoolean("completed"));
        }

        RestClient.Response put = http.put("/api/library/" + id + "/progress", Json.createObjectBuilder()
                .add("chapterId", "s1").add("pageNumber", 1).add("totalPages", 3).build());
        assertEquals(200, put.status(), put::toString);
        JsonObject after = http.get("/api/library/" + id + "/last-read").json();
        assertEquals(1, after.getInt("pageNumber"), "a client's report sets any page");
        assertEquals(3, after.getInt("totalPages"));
    }

    @Test
    void theLastPageCompletesTheChapterAndTheLatestChapterIsTheLastRead() {
        String id = newItem().getString("id");
        try (RawHttp.Connection reader = RawHttp.Connection.open(uri)) {
            for (int number : List.of(3, 1, 2)) {  // all at once, in any order, as the reader loads them
                assertEquals(200, reader.send("GET", page(id, "s1", number)).status());
            }
            JsonObject first = json(reader.send("GET", "/api/library/" + id + "/chapters/s1/progress"));
            assertEquals(3, first.getInt("pageNumber"));
            assertTrue(first.getBoolean("completed"));

            assertEquals(200, reader.send("GET", page(id, "s2", 1)).status());
            JsonObject lastRead = json(reader.send("GET", "/api/library/" + id + "/last-read"));
            assertEquals("s2", lastRead.getString("chapterId"));
            assertEquals("8", lastRead.getString("chapterNumber"));
            assertTrue(lastRead.getBoolean("completed"), "page 1 of 1");

            assertEquals(200, reader.send("GET", page(id, "s1", 1)).status());
            JsonObject again = json(reader.send("GET", "/api/library/" + id + "/last-read"));
            assertEquals("s1", again.getString("chapterId"), "going back to a chapter makes it the last read");
            assertEquals(3, again.getInt("pageNumber"));
        }
    }

    @Test
    void aDownloadedChapterIsRecordedLikeAnyOther() {
        String id = newItem().getString("id");
        RestClient.Response queued = http.post("/api/downloads", Json.createObjectBuilder()
                .add("libraryId", id).add("extensionId", "fixture")
                .add("chapterIds", Json.createArrayBuilder().add("s1"))
                .add("chapterNumbers", Json.createObjectBuilder().add("s1", "7.0")).build());
        assertEquals(202, queued.status(), queued::toString);
        String download = queued.json().getJsonArray("downloads").getJsonObject(0).getString("id");
        Await.until(() -> "completed".equals(http.get("/api/downloads/" + download).json()
                .getJsonObject("download").getString("status")), "the chapter is downloaded");

        try (RawHttp.Connection reader = RawHttp.Connection.open(uri)) {
            assertEquals(200, reader.send("GET", page(id, "s1", 3)).status());
            JsonObject lastRead = json(reader.send("GET", "/api/library/" + id + "/last-read"));
            assertEquals(3, lastRead.getInt("pageNumber"));
            assertEquals(3, lastRead.getInt("totalPages"));
            assertEquals("7.0", lastRead.getString("chapterNumber"), "the download's number, no source call");
            assertTrue(lastRead.getBoolean("completed"));
        }
    }

    @Test
    void pagesNotServedRecordNothing() {
        String id = newItem().getString("id");
        try (RawHttp.Connection reader = RawHttp.Connection.open(uri)) {
            RawHttp.Answer head = reader.send("HEAD", page(id, "s1", 2));
            assertEquals(200, head.status());
            assertEquals("image/png", head.header("Content-Type").orElseThrow());
            assertEquals(404, reader.send("GET", page(id, "s1", 4)).status());
            assertEquals(404, reader.send("GET", page(id, "nope", 1)).status());

            RawHttp.Answer lastRead = reader.send("GET", "/api/library/" + id + "/last-read");
            assertEquals(200, lastRead.status(), lastRead::body);
            assertEquals("null", lastRead.body(), "a HEAD or a missing page is no reading");
        }
    }

    @Test
    void readingMovesTheItemToTheFrontOfHomeAndTellsClientsOncePerMinute() {
        JsonObject item = newItem();
        String id = item.getString("id");
        JsonObject later = newItem();  // without reading it would come first
        Instant added = Instant.parse(item.getString("lastUpdated"));
        Instant laterAdded = Instant.parse(later.getString("lastUpdated"));
        Await.clockPasses(laterAdded);
        try (ChannelClient client = ChannelClient.connect(uri);
             RawHttp.Connection reader = RawHttp.Connection.open(uri)) {
            assertEquals(200, reader.send("GET", page(id, "s1", 1)).status());
            assertEquals(1, client.expect("library:progress:updated").getJsonObject("data").getInt("pageNumber"));
            JsonObject update = client.expect("library:item:updated").getJsonObject("data");
            assertEquals(id, update.getString("libraryId"));
            assertEquals(JsonObject.EMPTY_JSON_OBJECT, update.getJsonObject("changes"), "reading changed no field");

            JsonObject home = http.get("/api/library?sort=lastUpdated&direction=desc&limit=8").json();
            assertEquals(id, home.getJsonArray("items").getJsonObject(0).getString("id"), "the item read last leads");
            assertTrue(Instant.parse(http.get("/api/library/" + id).json().getString("lastUpdated")).isAfter(added));

            assertEquals(200, reader.send("GET", page(id, "s1", 2)).status());
            assertEquals(2, client.expect("library:progress:updated").getJsonObject("data").getInt("pageNumber"));
            http.patch("/api/library/" + id + "/favorite", "");
            JsonObject next = client.expect("library:item:updated").getJsonObject("data");
            assertEquals(Json.createObjectBuilder().add("favorite", true).build(), next.getJsonObject("changes"),
                    "the second page within the minute published nothing");
        }
    }

    @Test
    void anotherDeviceSeesReadingProgressOnceAndAnEarlierPageNothing() {
        String id = newItem().getString("id");
        try (ChannelClient otherDevice = ChannelClient.connect(uri);
             RawHttp.Connection reader = RawHttp.Connection.open(uri)) {
            assertEquals(200, reader.send("GET", page(id, "s1", 2)).status());
            JsonObject data = otherDevice.expect("library:progress:updated").getJsonObject("data");
            assertReadingAt(data, id, "s1", "7", 2, 3);
            otherDevice.expect("library:item:updated");  // reading moved lastUpdated

            assertEquals(200, reader.send("GET", page(id, "s1", 1)).status());  // behind the furthest page
            assertEquals(200, reader.send("GET", page(id, "s1", 2)).status());  // the same page again
            http.patch("/api/library/" + id + "/favorite", "");
            JsonObject marker = otherDevice.expect("library:item:updated").getJsonObject("data");
            assertTrue(marker.getJsonObject("changes").getBoolean("favorite"), "nothing came before the marker");
        }
    }
}
