package dev.jamra.server.cbz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/library/:libraryId/chapters/:chapterId/cbz} over a real socket: a chapter from its source and a
 * downloaded one from disk, each a stored ZIP of its pages in order with a {@code ComicInfo.xml} that matches the
 * ComicInfo v2.0 schema, and an archive that the local source reads back page for page, byte for byte.
 */
class CbzExportTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create().readingSite()
            .configured(Map.of("downloads.retries", "0"))
            .preparedBy(CbzExportTest::prepare);

    private static final String TITLE = "Sōshun: Stories/Vol?";
    private static final List<PageFixture> PAGES = List.of(
            PageFixture.of("1.png").withBytes(Images.of("png", 40, 60)),
            PageFixture.of("2.jpg").withBytes(Images.of("jpg", 50, 70)),
            PageFixture.of("3.png").withBytes(Images.of("png", 30, 90)),
            PageFixture.of("4.gif").contentType("image/gif").withBytes(Images.of("gif", 20, 10)));

    private final RestClient http = SERVER.http();

    private static void prepare() {
        SERVER.site().addManga("soshun", TITLE);
        SERVER.site().addChapter("soshun", "c1", "12.5", PAGES);
        SERVER.site().addChapter("soshun", "c2", "13", PAGES.subList(0, 2));
        SERVER.site().addChapter("soshun", "c3", "14", List.of(PAGES.getFirst(),
                PageFixture.of("gone.png").failing(Integer.MAX_VALUE, 500)));
        SERVER.site().addChapter("soshun", "c4", "15", List.of(PageFixture.of("gone.png").failing(Integer.MAX_VALUE, 500)));
    }

    private String item() {
        RestClient.Response added = http.post("/api/library", Json.createObjectBuilder().add("mangaId", "soshun")
                .add("extensionId", "fixture").add("title", TITLE).add("status", "reading").build());
        return added.status() == 201 ? added.json().getString("id")
                : added.json().getJsonObject("details").getString("libraryId");
    }

    private RestClient.Response cbz(String libraryId, String chapterId) {
        return http.get("/api/library/" + libraryId + "/chapters/" + chapterId + "/cbz");
    }

    @Test
    void aChapterFromItsSourceIsAStoredZipOfItsPagesInOrderWithComicInfo() throws Exception {
        RestClient.Response archive = cbz(item(), "c1");
        assertEquals(200, archive.status(), archive::toString);
        assertEquals("application/vnd.comicbook+zip", archive.contentType());
        assertEquals("attachment; filename=\"S_shun_ Stories_Vol_ - Chapter 12.5.cbz\"; "
                     + "filename*=UTF-8''S%C5%8Dshun_%20Stories_Vol_%20-%20Chapter%2012.5.cbz",
                archive.header("Content-Disposition").orElseThrow());
        Map<String, byte[]> entries = CbzArchives.entries(archive.bytes());
        assertEquals(List.of("001.png", "002.jpg", "003.png", "004.gif", "ComicInfo.xml"),
                List.copyOf(entries.keySet()));
        List<byte[]> pages = CbzArchives.pages(entries);
        for (int i = 0; i < PAGES.size(); i++) {
            assertArrayEquals(PAGES.get(i).bytes(), pages.get(i), "page " + (i + 1));
        }
        byte[] comicInfo = entries.get("ComicInfo.xml");
        CbzArchives.validComicInfo(comicInfo);
        Document xml = CbzArchives.document(comicInfo);
        assertEquals(TITLE, text(xml, "Series"));
        assertEquals("12.5", text(xml, "Number"));
        assertEquals("4", text(xml, "PageCount"));
        assertEquals(4, xml.getElementsByTagName("Page").getLength());
        Element second = (Element) xml.getElementsByTagName("Page").item(1);
        assertEquals("1", second.getAttribute("Image"));
        assertEquals(String.valueOf(PAGES.get(1).bytes().length), second.getAttribute("ImageSize"));
        assertEquals("50", second.getAttribute("ImageWidth"));
        assertEquals("70", second.getAttribute("ImageHeight"));
        assertNoScratchFiles();
    }

    private static String text(Document xml, String element) {
        return xml.getElementsByTagName(element).getLength() == 0 ? ""
                : xml.getElementsByTagName(element).item(0).getTextContent();
    }

    private static void assertNoScratchFiles() throws IOException {
        try (Stream<Path> left = Files.list(SERVER.dataDir().resolve("tmp"))) {
            assertEquals(List.of(), left.toList(), "pages fetched for an export are deleted");
        }
    }

    @Test
    void aDownloadedChapterComesFromDiskAndReadsBackThroughTheLocalSourceByteForByte() throws Exception {
        String libraryId = item();
        String download = http.post("/api/downloads", Json.createObjectBuilder().add("libraryId", libraryId)
                        .add("extensionId", "fixture").add("chapterIds", Json.createArrayBuilder().add("c2")).build())
                .json().getJsonArray("downloads").getJsonObject(0).getString("id");
        Await.until(() -> "completed".equals(http.get("/api/downloads/" + download).json()
                .getJsonObject("download").getString("status")), "the chapter is downloaded");
        int fetchedBefore = SERVER.site().requests("soshun", "c2", "1.png");

        RestClient.Response archive = cbz(libraryId, "c2");
        assertEquals(200, archive.status(), archive::toString);
        assertEquals(fetchedBefore, SERVER.site().requests("soshun", "c2", "1.png"), "a downloaded chapter reads from disk");
        CbzArchives.validComicInfo(CbzArchives.entries(archive.bytes()).get("ComicInfo.xml"));

        // dropped into the local folder as the exported file, it reads back the same pages, in the same order
        Path series = Files.createDirectories(SERVER.dataDir().resolve("local").resolve("Round Trip"));
        Files.write(series.resolve("Chapter 13.cbz"), archive.bytes());
        JsonArray chapters = http.get("/api/extensions/local/manga/~Round_Trip/chapters").json()
                .getJsonArray("chapters");
        assertEquals(1, chapters.size(), chapters::toString);
        String chapterId = chapters.getJsonObject(0).getString("id");
        JsonArray listed = http.get("/api/extensions/local/manga/~Round_Trip/chapters/" + chapterId + "/pages")
                .json().getJsonArray("pages");
        assertEquals(2, listed.size(), "ComicInfo.xml is no page");
        for (int i = 0; i < 2; i++) {
            RestClient.Response page = http.get("/api/extensions/local/manga/~Round_Trip/chapters/" + chapterId
                                                + "/pages/" + i);
            assertEquals(200, page.status());
            assertArrayEquals(PAGES.get(i).bytes(), page.bytes(), "page " + (i + 1) + " byte for byte");
            assertEquals(PAGES.get(i).contentType(), page.contentType());
        }
    }

    @Test
    void headAnswersTheHeadersWithoutReadingAPage() throws Exception {
        String libraryId = item();
        int before = SERVER.site().requests("soshun", "c1", "1.png");
        HttpResponse<byte[]> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        SERVER.uri().resolve("/api/library/" + libraryId + "/chapters/c1/cbz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Await.TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals("application/vnd.comicbook+zip", head.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(head.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment;"));
        assertEquals(0, head.body().length);
        assertEquals(before, SERVER.site().requests("soshun", "c1", "1.png"));
    }

    @Test
    void unknownItemsAndChaptersAre404AndAFirstPageThatFailsA502() {
        String libraryId = item();
        assertEquals(404, cbz("nope", "c1").status());
        assertEquals(404, cbz(libraryId, "c99").status());
        RestClient.Response failing = cbz(libraryId, "c4");
        assertEquals(502, failing.status(), failing::toString);
        assertTrue(failing.message().contains("fixture"), failing::message);
    }

    @Test
    void aPageFailingMidwayCutsTheArchiveShortInsteadOfEndingIt() throws Exception {
        String libraryId = item();
        HttpRequest request = HttpRequest.newBuilder(SERVER.uri().resolve("/api/library/" + libraryId
                                                                           + "/chapters/c3/cbz"))
                .timeout(Await.TIMEOUT).build();
        IOException cut = assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofByteArray()), "no complete answer for an incomplete archive");
        assertTrue(cut.getMessage() != null, cut::toString);
        assertNoScratchFiles();
        assertEquals(200, http.get("/health").status(), "the server goes on");
        assertTrue(new String(cbz(libraryId, "c2").bytes(), StandardCharsets.ISO_8859_1).startsWith("PK"),
                "the next export is whole");
    }
}
