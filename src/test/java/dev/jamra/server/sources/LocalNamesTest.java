package dev.jamra.server.sources;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.LibraryRows;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Names that are legal on Linux and macOS but not everywhere ({@code Re:Zero}, {@code Ch 1: Start}, a backslash):
 * whatever the local source lists opens, through every route that takes its ids, and what it could not open is
 * not listed at all.
 */
class LocalNamesTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.direct()
            .preparedBy(LocalNamesTest::prepare);

    private static final List<String> MANGA = List.of("Re:Zero", "Back\\slash", "Plain");
    private static boolean undecodableName;

    private final RestClient http = SERVER.http();

    private static void prepare() throws IOException, InterruptedException {
        Path library = SERVER.dataDir().resolve("local");
        for (String title : MANGA) {
            Path manga = Files.createDirectories(library.resolve(title));
            Path folder = Files.createDirectories(manga.resolve("Ch 1: Start"));
            Files.write(folder.resolve("1.png"), PageServer.bytesFor(title + "/1"));
            Files.write(folder.resolve("2.png"), PageServer.bytesFor(title + "/2"));
            try (OutputStream out = Files.newOutputStream(manga.resolve("Ch 2 \\ 100% ~ #?.cbz"));
                 ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("01.png"));
                zip.write(PageServer.bytesFor(title + "/cbz"));
                zip.closeEntry();
            }
        }
        // a name whose bytes are not UTF-8: Java sees it with a replacement character and cannot open it by name
        Process mkdir = new ProcessBuilder("sh", "-c", "mkdir \"$(printf 'Bad\\377Name')\"")
                .directory(library.toFile()).inheritIO().start();
        undecodableName = mkdir.waitFor(10, TimeUnit.SECONDS) && mkdir.exitValue() == 0;
    }

    @Test
    void everyListedMangaChapterAndPageOpens() {
        List<JsonObject> results = http.get("/api/extensions/local/search?query=").json()
                .getJsonArray("results").getValuesAs(JsonObject.class);
        assertEquals(MANGA.stream().sorted().toList(),
                results.stream().map(result -> result.getString("title")).sorted().toList(),
                "the three readable folders, not the one whose name is not UTF-8 (" + undecodableName + ")");
        for (JsonObject result : results) {
            String mangaId = result.getString("id");
            assertThat(mangaId, matchesPattern("[A-Za-z0-9._~-]+"));
            RestClient.Response details = http.get("/api/extensions/local/manga/" + mangaId);
            assertEquals(200, details.status(), () -> result + ": " + details);
            List<JsonObject> chapters = details.json().getJsonArray("chapters").getValuesAs(JsonObject.class);
            assertEquals(2, chapters.size(), details::body);
            for (JsonObject chapter : chapters) {
                String chapterId = chapter.getString("id");
                assertThat(chapterId, matchesPattern("[A-Za-z0-9._~-]+"));
                String chapterPath = "/api/extensions/local/manga/" + mangaId + "/chapters/" + chapterId;
                RestClient.Response pages = http.get(chapterPath + "/pages");
                assertEquals(200, pages.status(), () -> chapter + ": " + pages);
                for (JsonValue page : pages.json().getJsonArray("pages")) {
                    RestClient.Response image = http.get(
                            URI.create(page.asJsonObject().getString("imageUrl")).getRawPath());
                    assertEquals(200, image.status(), () -> page + ": " + image);
                }
            }
        }
    }

    @Test
    void aChapterWithAColonDownloadsAndReads() {
        String mangaId = idOf(http.get("/api/extensions/local/search?query=re:").json()
                .getJsonArray("results").getValuesAs(JsonObject.class), "Re:Zero");
        List<JsonObject> chapters = http.get("/api/extensions/local/manga/" + mangaId + "/chapters").json()
                .getJsonArray("chapters").getValuesAs(JsonObject.class);
        String chapterId = idOf(chapters, "Ch 1: Start");
        String libraryId;
        try (LibraryRows rows = LibraryRows.open(SERVER.dataDir())) {
            libraryId = rows.insert(mangaId, "local");
        }
        RestClient.Response queued = http.post("/api/downloads", Json.createObjectBuilder()
                .add("libraryId", libraryId).add("extensionId", "local")
                .add("chapterIds", Json.createArrayBuilder().add(chapterId)).build());
        assertEquals(202, queued.status(), queued::body);
        String downloadId = queued.json().getJsonArray("downloads").getJsonObject(0).getString("id");
        List<String> states = new ArrayList<>();
        Await.until(() -> {
            String status = http.get("/api/downloads/" + downloadId).json().getJsonObject("download")
                    .getString("status");
            states.add(status);
            return status.equals("completed") || status.equals("failed");
        }, "the download ends");
        assertEquals("completed", states.getLast());
        RestClient.Response page = http.get("/api/reader/" + libraryId + "/chapters/" + chapterId + "/pages/2");
        assertEquals(200, page.status(), page::body);
        assertArrayEquals(PageServer.bytesFor("Re:Zero/2"), page.bytes());
    }

    private static String idOf(List<JsonObject> listed, String title) {
        return listed.stream().filter(item -> item.getString("title").equals(title))
                .map(item -> item.getString("id")).findFirst().orElseThrow(() -> new AssertionError(title + " in " + listed));
    }
}
