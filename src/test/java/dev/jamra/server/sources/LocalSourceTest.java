package dev.jamra.server.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.jamra.server.testing.Cbz;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The Sources endpoints over a real socket, on the built-in local source: a manga folder with two folder chapters
 * and a {@code .cbz} chapter, natural order, and every way out of the library folder refused.
 */
class LocalSourceTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.direct()
            .preparedBy(LocalSourceTest::prepare);

    private static final String MANGA = "sample-manga";
    private static Path library;
    private static Path outside;

    private final RestClient http = SERVER.http();

    private static void prepare() throws IOException {
        library = SERVER.dataDir().resolve("local");
        outside = Files.createDirectories(SERVER.dataDir().resolve("outside"));
        Path manga = Files.createDirectories(library.resolve(MANGA));
        Path chapter2 = Files.createDirectories(manga.resolve("Chapter 2"));
        for (String page : List.of("10.png", "2.png", "1.png")) {
            Files.write(chapter2.resolve(page), PageServer.bytesFor("ch2/" + page));
        }
        Files.writeString(chapter2.resolve("notes.txt"), "not a page");
        Files.write(chapter2.resolve(".hidden.png"), PageServer.bytesFor("hidden"));
        Files.write(outside.resolve("secret.png"), PageServer.bytesFor("secret"));
        Files.createSymbolicLink(chapter2.resolve("3.png"), outside.resolve("secret.png"));
        Path chapter10 = Files.createDirectories(manga.resolve("Chapter 10"));
        Files.write(chapter10.resolve("1.png"), PageServer.bytesFor("ch10/1.png"));
        Cbz.write(manga.resolve("Chapter 3.cbz"), Map.of(
                "02.jpg", PageServer.bytesFor("ch3/02.jpg"),
                "01.jpg", PageServer.bytesFor("ch3/01.jpg"),
                "../evil.png", PageServer.bytesFor("evil"),
                "/absolute.png", PageServer.bytesFor("absolute"),
                "__MACOSX/._01.jpg", PageServer.bytesFor("mac")));
        Files.write(manga.resolve("Broken.cbz"), "not a zip".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(library.resolve("Another Manga"));
        Path escaped = Files.createDirectories(outside.resolve("stolen/Chapter 1"));
        Files.write(escaped.resolve("1.png"), PageServer.bytesFor("stolen"));
        Files.createSymbolicLink(library.resolve("escape"), outside.resolve("stolen"));
    }

    /** The ids of the names used here: {@code ~}, spaces as {@code _}. */
    private static String encoded(String name) {
        return "~" + name.replace(' ', '_');
    }

    @Test
    void listsTheLocalSource() {
        RestClient.Response response = http.get("/api/extensions");
        assertEquals(200, response.status());
        JsonObject local = response.json().getJsonArray("extensions").stream()
                .map(JsonValue::asJsonObject)
                .filter(extension -> extension.getString("id").equals("local"))
                .findFirst().orElseThrow();
        assertEquals("local", local.getString("slug"));
        assertEquals("Local library", local.getString("name"));
        assertEquals(true, local.getBoolean("enabled"));
        assertEquals("local", local.getJsonObject("manifest").getString("id"));
        assertEquals(local.getString("version"), local.getJsonObject("manifest").getString("version"));

        assertEquals(local, http.get("/api/extensions/local").json().getJsonObject("extension"));
        assertEquals(404, http.get("/api/extensions/nope").status());
        assertEquals(404, http.get("/api/extensions/nope/search?query=").status());
    }

    @Test
    void anEmptyQueryListsEveryMangaAndNothingOutside() {
        JsonObject all = http.get("/api/extensions/local/search?query=").json();
        List<String> titles = all.getJsonArray("results").stream()
                .map(result -> result.asJsonObject().getString("title")).toList();
        assertEquals(List.of("Another Manga", MANGA), titles);
        assertFalse(all.getBoolean("hasMore"));
        JsonObject another = all.getJsonArray("results").getJsonObject(0);
        assertEquals(encoded("Another Manga"), another.getString("id"));
        assertEquals(MANGA, all.getJsonArray("results").getJsonObject(1).getString("id"));

        JsonArray found = http.get("/api/extensions/local/search?query=SAMPLE").json().getJsonArray("results");
        assertEquals(1, found.size());
        assertEquals(0, http.get("/api/extensions/local/search?query=x&page=2").json()
                .getJsonArray("results").size());
        assertEquals(400, http.get("/api/extensions/local/search?page=0").status());
        assertEquals(400, http.get("/api/extensions/local/search?page=abc").status());
    }

    @Test
    void describesTheMangaWithChaptersInNaturalOrder() {
        JsonObject manga = http.get("/api/extensions/local/manga/" + MANGA).json().getJsonObject("manga");
        assertEquals(MANGA, manga.getString("id"));
        assertEquals(MANGA, manga.getString("title"));
        JsonArray chapters = manga.getJsonArray("chapters");
        assertEquals(List.of("Chapter 2", "Chapter 3", "Chapter 10"),
                chapters.stream().map(c -> c.asJsonObject().getString("title"))
                        .filter(title -> !title.equals("Broken")).toList());
        for (JsonValue chapter : chapters) {
            assertThat(chapter.asJsonObject().getString("id"), matchesPattern("[A-Za-z0-9._~-]+"));
        }
        JsonObject second = chapters.stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("title").equals("Chapter 3")).findFirst().orElseThrow();
        assertEquals("~Chapter_3.cbz", second.getString("id"));
        assertEquals(3, second.getInt("chapterNumber"), "a number, as the original's chapters had");

        assertEquals(chapters, http.get("/api/extensions/local/manga/" + MANGA).json().getJsonArray("chapters"),
                "the chapters also at the top level, as the original answered");

        JsonObject list = http.get("/api/extensions/local/manga/" + MANGA + "/chapters").json();
        assertEquals(chapters, list.getJsonArray("chapters"));
        assertEquals(chapters.size(), list.getJsonObject("metrics").getInt("totalChapters"));
    }

    @Test
    void aChapterIsAsNewAsItsFileOrFolderAndNothingElseIsMadeUp() throws IOException {
        Path manga = library.resolve(MANGA);
        Files.setLastModifiedTime(manga.resolve("Chapter 2"), FileTime.from(Instant.parse("2024-03-01T10:15:30.123Z")));
        Files.setLastModifiedTime(manga.resolve("Chapter 3.cbz"), FileTime.from(Instant.parse("2023-11-20T08:00:00Z")));

        JsonArray chapters = http.get("/api/extensions/local/manga/" + MANGA + "/chapters").json()
                .getJsonArray("chapters");
        JsonObject folder = titled(chapters, "Chapter 2");
        assertEquals("2024-03-01T10:15:30.123Z", folder.getString("updatedAt"), "the folder's time");
        assertEquals(Set.of("id", "chapterNumber", "title", "updatedAt"), folder.keySet(),
                "no language, volume, group or page count the folder does not tell: " + folder);
        JsonObject archive = titled(chapters, "Chapter 3");
        assertEquals("2023-11-20T08:00:00.000Z", archive.getString("updatedAt"), "the archive's time");

        JsonObject found = http.get("/api/extensions/local/search?query=").json();
        assertEquals(2, found.getInt("totalResults"));
        for (JsonValue result : found.getJsonArray("results")) {
            assertFalse(result.asJsonObject().containsKey("lang"), "a folder tells no language: " + result);
            assertFalse(result.asJsonObject().containsKey("language"), "under either name: " + result);
            assertFalse(result.asJsonObject().containsKey("status"), "nor a status: " + result);
        }
    }

    private static JsonObject titled(JsonArray chapters, String title) {
        return chapters.getValuesAs(JsonObject.class).stream().filter(c -> c.getString("title").equals(title))
                .findFirst().orElseThrow();
    }

    @Test
    void folderPagesComeInNaturalOrderWithTheirBytes() {
        JsonArray pages = pages(encoded("Chapter 2"));
        assertEquals(3, pages.size(), "1, 2 and 10; not the text file, the hidden file or the link out");
        List<String> expected = List.of("1.png", "2.png", "10.png");
        for (int i = 0; i < pages.size(); i++) {
            JsonObject page = pages.getJsonObject(i);
            assertEquals(i, page.getInt("index"));
            String url = page.getString("imageUrl");
            assertThat(url, matchesPattern("http://localhost:\\d+/api/extensions/local/manga/" + MANGA
                                           + "/chapters/~Chapter_2/pages/" + i));
            RestClient.Response image = http.get(URI.create(url).getPath());
            assertEquals(200, image.status());
            assertEquals("image/png", image.header("Content-Type").orElseThrow());
            assertArrayEquals(PageServer.bytesFor("ch2/" + expected.get(i)), image.bytes());
        }
    }

    @Test
    void archivePagesSkipEntriesThatPointOutside() {
        String chapter = encoded("Chapter 3.cbz");
        JsonArray pages = pages(chapter);
        assertEquals(2, pages.size(), "01.jpg and 02.jpg only");
        for (int i = 0; i < 2; i++) {
            RestClient.Response image = http.get(URI.create(pages.getJsonObject(i).getString("imageUrl")).getPath());
            assertEquals("image/jpeg", image.header("Content-Type").orElseThrow());
            assertArrayEquals(PageServer.bytesFor("ch3/0" + (i + 1) + ".jpg"), image.bytes());
        }
        assertEquals(404, http.get(pagePath(chapter, 2)).status());
        assertFalse(Files.exists(library.resolve("evil.png")));
        assertFalse(Files.exists(library.getParent().resolve("evil.png")));
    }

    @Test
    void traversalAttemptsAreRefused() {
        List<String> paths = List.of(
                "/api/extensions/local/manga/..%2Foutside",
                "/api/extensions/local/manga/..%2F..%2Foutside/chapters",
                "/api/extensions/local/manga/" + encoded("../outside"),
                "/api/extensions/local/manga/" + encoded("/etc"),
                "/api/extensions/local/manga/%2E%2E",
                "/api/extensions/local/manga/escape",
                "/api/extensions/local/manga/" + MANGA + "/chapters/..%2F..%2Foutside/pages",
                "/api/extensions/local/manga/" + MANGA + "/chapters/" + encoded("../../outside/stolen") + "/pages",
                "/api/extensions/local/manga/" + encoded("../outside/stolen") + "/chapters/"
                + encoded("Chapter 1") + "/pages",
                pagePath(encoded("Chapter 2"), 3),
                pagePath(encoded("Chapter 2"), -1));
        for (String path : paths) {
            RestClient.Response response = http.get(path);
            assertThat(path + " answered " + response.body(), response.status(), anyOf(is(400), is(404)));
            assertFalse(response.body().contains("stolen") && response.status() == 200);
        }
    }

    @Test
    void aBrokenArchiveIsASourceFailureThatShowsNoPath() throws IOException {
        String chapter = "/api/extensions/local/manga/" + MANGA + "/chapters/Broken.cbz";
        for (String path : List.of(chapter + "/pages", chapter + "/pages/0")) {
            RestClient.Response response = http.get(path);
            assertEquals(502, response.status(), response::body);
            assertEquals("The source 'local' could not answer this request", response.message());
            assertThat(response.body(), not(containsString(SERVER.dataDir().toString())));
            assertThat(response.body(), not(containsString(SERVER.dataDir().toRealPath().toString())));
        }
        assertEquals(404, http.get("/api/extensions/local/manga/nothing-here").status());
        assertEquals(404, http.get("/api/extensions/local/manga/" + MANGA + "/chapters/nothing/pages").status());
    }

    private JsonArray pages(String chapterId) {
        RestClient.Response response = http.get("/api/extensions/local/manga/" + MANGA + "/chapters/" + chapterId
                                          + "/pages");
        assertEquals(200, response.status(), response::body);
        return response.json().getJsonArray("pages");
    }

    private static String pagePath(String chapterId, int index) {
        return "/api/extensions/local/manga/" + MANGA + "/chapters/" + chapterId + "/pages/" + index;
    }

    static {
        // the symlink tests need a file system with links
        try {
            Path probe = Files.createTempDirectory("jamra-link-probe");
            Files.createSymbolicLink(probe.resolve("link"), probe);
            Files.delete(probe.resolve("link"));
            Files.delete(probe);
        } catch (IOException e) {
            throw new UncheckedIOException("Symbolic links are needed by this test", e);
        }
    }
}
