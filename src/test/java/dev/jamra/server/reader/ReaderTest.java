package dev.jamra.server.reader;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.LibraryRows;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;


import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader over a real socket: a downloaded chapter of the local library served from disk, the others through
 * their source (local files, or a remote SERVER.site()), and the chapters before and after in the source's order.
 */
class ReaderTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create().readingSite()
            .configured(Map.of("downloads.retries", "0"))
            .preparedBy(ReaderTest::prepare);

    private static final String MANGA = "reader-manga";
    private static final String CH1 = encoded("Chapter 1");
    private static final String CH2 = encoded("Chapter 2");
    private static final String CH3 = encoded("Chapter 3.cbz");
    private static Path chapter2;
    private static String localItem;
    private static String remoteItem;
    private static String offlineItem;
    private static String sizedItem;
    private static boolean downloaded;

    private final RestClient http = SERVER.http();

    private static void prepare() throws IOException {
        Path dataDir = SERVER.dataDir();
        Path manga = Files.createDirectories(dataDir.resolve("local").resolve(MANGA));
        Path chapter1 = Files.createDirectories(manga.resolve("Chapter 1"));
        for (String page : List.of("1.jpg", "2.jpg")) {
            Files.write(chapter1.resolve(page), PageServer.bytesFor("ch1/" + page));
        }
        chapter2 = Files.createDirectories(manga.resolve("Chapter 2"));
        for (String page : List.of("1.png", "2.png", "10.png")) {
            Files.write(chapter2.resolve(page), PageServer.bytesFor("ch2/" + page));
        }
        try (OutputStream out = Files.newOutputStream(manga.resolve("Chapter 3.cbz"));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("01.png"));
            zip.write(PageServer.bytesFor("ch3/01.png"));
            zip.closeEntry();
        }
        Path sized = Files.createDirectories(dataDir.resolve("local/sized/Chapter 1"));
        Files.write(sized.resolve("1.png"), Images.of("png", 800, 1200));
        Files.write(sized.resolve("2.jpg"), Images.of("jpg", 1600, 1100));
        Files.write(sized.resolve("3.png"), PageServer.bytesFor("no image header"));
        try (OutputStream out = Files.newOutputStream(sized.getParent().resolve("Chapter 2.cbz"));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("01.gif"));
            zip.write(Images.of("gif", 640, 960));
            zip.closeEntry();
        }
        SERVER.site().addManga("remote", "Remote");
        SERVER.site().addChapter("remote", "r1", "1", List.of(PageFixture.of("1.webp"),
                PageFixture.of("2.png").failing(Integer.MAX_VALUE, 500)));
        SERVER.site().addManga("offline", "Offline");
        SERVER.site().addChapter("offline", "o1", "1", List.of(PageFixture.of("1.png")));
        SERVER.site().addChapter("offline", "o2", "2.5", List.of(PageFixture.of("1.jpg"), PageFixture.of("2.png")));
        SERVER.site().addChapter("offline", "o3", "3", List.of(PageFixture.of("1.png")));
    }

    @BeforeAll
    static void addToTheLibrary() {
        try (LibraryRows library = LibraryRows.open(SERVER.dataDir())) {
            localItem = library.insert(MANGA, "local");
            remoteItem = library.insert("remote", "fixture");
            offlineItem = library.insert("offline", "fixture");
            sizedItem = library.insert("sized", "local");
        }
    }

    /** Queues the download of a chapter and waits until it completes. */
    private void download(String item, String source, String chapterId, String what) {
        RestClient.Response queued = http.post("/api/downloads", Json.createObjectBuilder()
                .add("libraryId", item).add("extensionId", source)
                .add("chapterIds", Json.createArrayBuilder().add(chapterId)).build());
        assertEquals(202, queued.status(), queued::body);
        String id = queued.json().getJsonArray("downloads").getJsonObject(0).getString("id");
        Await.until(() -> "completed".equals(http.get("/api/downloads/" + id).json().getJsonObject("download")
                .getString("status")), what);
    }

    /** The ids of the names used here: {@code ~}, spaces as {@code _}. */
    private static String encoded(String name) {
        return "~" + name.replace(' ', '_');
    }

    /** Downloads chapter 2, then changes its files in the library: what the reader serves must be the download. */
    private synchronized void downloadChapter2() throws IOException {
        if (downloaded) {
            return;
        }
        download(localItem, "local", CH2, "chapter 2 is downloaded");
        for (String page : List.of("1.png", "2.png", "10.png")) {
            Files.write(chapter2.resolve(page), PageServer.bytesFor("changed since"));
        }
        downloaded = true;
    }

    @Test
    void aDownloadedChapterIsServedFromDisk() throws IOException {
        downloadChapter2();
        JsonObject chapter = chapter(localItem, CH2, "");
        assertEquals(CH2, chapter.getString("id"));
        assertEquals("2", chapter.getString("number"));
        assertEquals("Chapter 2", chapter.getString("title"));
        assertTrue(chapter.getBoolean("isDownloaded"));
        assertEquals(CH1, chapter.getString("previousChapterId"));
        assertEquals(CH3, chapter.getString("nextChapterId"));
        List<JsonObject> pages = chapter.getJsonArray("pages").getValuesAs(JsonObject.class);
        assertEquals(3, pages.size());
        List<String> names = List.of("1.png", "2.png", "10.png");
        for (int i = 0; i < pages.size(); i++) {
            assertEquals(i + 1, pages.get(i).getInt("number"));
            URI url = URI.create(pages.get(i).getString("url"));
            assertEquals("/api/reader/" + localItem + "/chapters/" + CH2 + "/pages/" + (i + 1), url.toString(),
                    "relative, as the original's");
            RestClient.Response image = http.get(url.getPath());
            assertEquals(200, image.status(), image::body);
            assertEquals("image/png", image.header("Content-Type").orElseThrow());
            assertEquals("private", image.header("Cache-Control").orElseThrow());
            assertArrayEquals(PageServer.bytesFor("ch2/" + names.get(i)), image.bytes(), "the downloaded bytes");
        }
        String pagesPath = "/api/reader/" + localItem + "/chapters/" + CH2 + "/pages/";
        assertEquals(404, http.get(pagesPath + "0").status());
        assertEquals(404, http.get(pagesPath + "4").status());
        RestClient.Response notANumber = http.get(pagesPath + "first");
        assertEquals(400, notANumber.status());
        assertEquals("number", notANumber.json().getJsonObject("details").getString("field"), "the route's name");
    }

    @Test
    void aChapterNotDownloadedIsServedThroughItsSource() {
        JsonObject chapter = chapter(localItem, CH1, "");
        assertFalse(chapter.getBoolean("isDownloaded"));
        assertEquals(JsonValue.NULL, chapter.get("previousChapterId"));
        assertEquals(CH2, chapter.getString("nextChapterId"));
        assertEquals(2, chapter.getJsonArray("pages").size());
        RestClient.Response image = http.get("/api/reader/" + localItem + "/chapters/" + CH1 + "/pages/2");
        assertEquals(200, image.status(), image::body);
        assertEquals("image/jpeg", image.header("Content-Type").orElseThrow());
        assertEquals("private", image.header("Cache-Control").orElseThrow());
        assertArrayEquals(PageServer.bytesFor("ch1/2.jpg"), image.bytes());

        RestClient.Response archived = http.get("/api/reader/" + localItem + "/chapters/" + CH3 + "/pages/1");
        assertArrayEquals(PageServer.bytesFor("ch3/01.png"), archived.bytes());
    }

    @Test
    void nextAndPreviousFollowTheSourceOrder() throws IOException {
        downloadChapter2();
        JsonObject next = chapter(localItem, CH1, "/next");
        assertEquals(CH2, next.getString("id"));
        assertTrue(next.getBoolean("isDownloaded"));
        assertEquals(CH1, next.getString("previousChapterId"));
        assertEquals(CH3, chapter(localItem, CH2, "/next").getString("id"));
        JsonObject last = chapter(localItem, CH3, "");
        assertEquals(JsonValue.NULL, last.get("nextChapterId"));
        assertEquals(CH2, chapter(localItem, CH3, "/previous").getString("id"));
        assertEquals(CH1, chapter(localItem, CH2, "/previous").getString("id"));

        assertEquals(404, http.get("/api/reader/" + localItem + "/chapters/" + CH3 + "/next").status());
        assertEquals(404, http.get("/api/reader/" + localItem + "/chapters/" + CH1 + "/previous").status());
    }

    @Test
    void remotePagesAreFetchedForTheReader() {
        JsonObject chapter = chapter(remoteItem, "r1", "");
        assertEquals(2, chapter.getJsonArray("pages").size());
        assertEquals(JsonValue.NULL, chapter.get("nextChapterId"));
        RestClient.Response image = http.get("/api/reader/" + remoteItem + "/chapters/r1/pages/1");
        assertEquals(200, image.status(), image::body);
        assertEquals("image/webp", image.header("Content-Type").orElseThrow());
        assertArrayEquals(PageServer.bytesFor("1.webp"), image.bytes());
        RestClient.Response failing = http.get("/api/reader/" + remoteItem + "/chapters/r1/pages/2");
        assertEquals(502, failing.status(), failing::body);
        assertEquals("Page 2 could not be fetched from the source 'fixture'", failing.message(),
                "the cause (HTTP 500) and the page's URL go to the log only");
    }

    @Test
    void aDownloadedChapterReadsWhileItsSourceIsDown() {
        download(offlineItem, "fixture", "o2", "chapter o2 is downloaded");
        assertEquals("o1", chapter(offlineItem, "o2", "").getString("previousChapterId"), "online, with neighbours");

        SERVER.site().breakCatalog("offline");

        JsonObject chapter = chapter(offlineItem, "o2", "");
        assertEquals("o2", chapter.getString("id"));
        assertEquals("2.5", chapter.getString("number"));
        assertTrue(chapter.getBoolean("isDownloaded"));
        assertEquals(JsonValue.NULL, chapter.get("previousChapterId"), "only the source knows the order");
        assertEquals(JsonValue.NULL, chapter.get("nextChapterId"));
        List<JsonObject> pages = chapter.getJsonArray("pages").getValuesAs(JsonObject.class);
        assertEquals(2, pages.size());
        RestClient.Response second = http.get(URI.create(pages.get(1).getString("url")).getPath());
        assertEquals(200, second.status(), second::body);
        assertArrayEquals(PageServer.bytesFor("2.png"), second.bytes());

        RestClient.Response notDownloaded = http.get("/api/reader/" + offlineItem + "/chapters/o1");
        assertEquals(502, notDownloaded.status(), notDownloaded::body);
        assertEquals("The source 'fixture' could not answer this request", notDownloaded.message(),
                "what the SERVER.site() answered is for the log");
        assertEquals(502, http.get("/api/reader/" + offlineItem + "/chapters/o2/next").status(),
                "the next chapter is the source's to say");
    }

    @Test
    void pagesCarryTheSizesTheirHeadersGive() {
        List<JsonObject> pages = chapter(sizedItem, "~Chapter_1", "").getJsonArray("pages")
                .getValuesAs(JsonObject.class);
        assertSizes(pages);
        List<JsonObject> archived = chapter(sizedItem, "~Chapter_2.cbz", "").getJsonArray("pages")
                .getValuesAs(JsonObject.class);
        assertEquals(640, archived.get(0).getInt("width"));
        assertEquals(960, archived.get(0).getInt("height"));
        List<JsonObject> listed = http.get("/api/extensions/local/manga/sized/chapters/~Chapter_1/pages").json()
                .getJsonArray("pages").getValuesAs(JsonObject.class);
        assertSizes(listed);

        download(sizedItem, "local", "~Chapter_1", "the sized chapter is downloaded");
        JsonObject downloadedChapter = chapter(sizedItem, "~Chapter_1", "");
        assertTrue(downloadedChapter.getBoolean("isDownloaded"));
        assertSizes(downloadedChapter.getJsonArray("pages").getValuesAs(JsonObject.class));
    }

    /** 800x1200, 1600x1100, then a page whose bytes give no size: no width or height at all. */
    private static void assertSizes(List<JsonObject> pages) {
        assertEquals(3, pages.size());
        assertEquals(800, pages.get(0).getInt("width"));
        assertEquals(1200, pages.get(0).getInt("height"));
        assertEquals(1600, pages.get(1).getInt("width"));
        assertEquals(1100, pages.get(1).getInt("height"));
        assertFalse(pages.get(2).containsKey("width"));
        assertFalse(pages.get(2).containsKey("height"));
    }

    @Test
    void unknownItemsAndChaptersAre404() {
        assertEquals(404, http.get("/api/reader/no-such-item/chapters/" + CH1).status());
        assertEquals(404, http.get("/api/reader/" + localItem + "/chapters/no-such-chapter").status());
        assertEquals(404, http.get("/api/reader/" + localItem + "/chapters/no-such-chapter/pages/1").status());
        assertEquals(404, http.get("/api/reader/" + localItem + "/chapters/..%2F..%2Fetc/pages/1").status());
    }

    private JsonObject chapter(String item, String chapterId, String suffix) {
        return http.getJson("/api/reader/" + item + "/chapters/" + chapterId + suffix);
    }
}
