package dev.jamra.server.downloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.ChannelClient;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.jamra.server.downloads.DownloadAssertions.assertCompleteRun;
import static dev.jamra.server.downloads.DownloadAssertions.enqueue;
import static dev.jamra.server.downloads.DownloadAssertions.of;
import static dev.jamra.server.downloads.DownloadAssertions.untilFinished;
import static dev.jamra.server.downloads.DownloadTestServer.SOURCE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Page files that went missing or were cut short, and chapters that lost pages at their source. */
class DamagedPagesTest {
    @RegisterExtension
    static final DownloadTestServer SERVER = DownloadTestServer.create(Map.of());

    private final RestClient http = SERVER.http();

    @Test
    void aDamagedPageIsServedFromTheSourceAndAQueueAgainRepairsIt() throws IOException {
        Downloaded downloaded = downloadedChapter("dmg", "Damaged");
        String item = downloaded.item();
        String id = downloaded.id();
        Path folder = downloaded.folder();
        Files.write(folder.resolve("page_002.png"), new byte[0]);          // cut short
        Files.delete(folder.resolve("page_003.png"));                       // gone

        for (int page = 2; page <= 3; page++) {
            RestClient.Response image = http.get("/api/reader/" + item + "/chapters/c1/pages/" + page);
            assertEquals(200, image.status(), image::body);
            assertArrayEquals(PageServer.bytesFor(page + ".png"), image.bytes(), "from the source, never 0 bytes");
        }
        JsonObject chapter = http.get("/api/reader/" + item + "/chapters/c1").json();
        assertFalse(chapter.getBoolean("isDownloaded"));

        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            assertEquals(id, enqueue(http, item, SOURCE, "c1").get("c1").getString("id"), "queued again to repair");
            List<String> repair = of(untilFinished(client, Set.of(id)), id).stream()
                    .map(event -> event.getString("event") + " " + event.getJsonObject("data").getInt("pageNumber",
                            event.getJsonObject("data").getInt("currentPage", 0)))
                    .toList();
            assertEquals(List.of("download:started 0", "download:progress 2", "download:page:complete 2",
                    "download:progress 3", "download:page:complete 3", "download:chapter:complete 0"), repair,
                    "only the damaged pages are fetched again");
        }
        SERVER.assertFiles(http, id, List.of("1.png", "2.png", "3.png"), List.of("png", "png", "png"));
        assertEquals(1, SERVER.pages().requests("dmg", "c1", "1.png"), "the whole page is kept");
        assertEquals(Map.of(), enqueue(http, item, SOURCE, "c1"), "a whole chapter is not queued again");
    }

    @Test
    void filesOfPagesAChapterNoLongerHasGo() throws IOException {
        Downloaded downloaded = downloadedChapter("shrink", "Shrinking");
        Path folder = downloaded.folder();
        Files.delete(folder.resolve("page_001.png"));
        SERVER.pages().replaceChapter("shrink", "c1", List.of(PageFixture.of("1.png"), PageFixture.of("2.png")));

        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            enqueue(http, downloaded.item(), SOURCE, "c1");
            List<JsonObject> repair = of(untilFinished(client, Set.of(downloaded.id())), downloaded.id());
            assertEquals("download:chapter:complete", repair.getLast().getString("event"));
            assertEquals(2, repair.getLast().getJsonObject("data").getInt("totalPages"));
        }
        assertEquals(List.of("page_001.png", "page_002.png"), DownloadAssertions.pageFiles(folder));
        SERVER.assertFiles(http, downloaded.id(), List.of("1.png", "2.png"), List.of("png", "png"));
    }

    /** A library item and its download of chapter {@code c1}, three pages, complete. */
    private record Downloaded(String item, String id) {
        Path folder() {
            return DownloadAssertions.folder(SERVER.dataDir(), id);
        }
    }

    /** Puts a manga with chapter {@code c1} of three pages on the site and in the library, and downloads it. */
    private Downloaded downloadedChapter(String mangaId, String title) {
        SERVER.pages().addManga(mangaId, title);
        SERVER.pages().addChapter(mangaId, "c1", "1", List.of(PageFixture.of("1.png"), PageFixture.of("2.png"),
                PageFixture.of("3.png")));
        String item = SERVER.libraryItem(mangaId);
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            String id = enqueue(http, item, SOURCE, "c1").get("c1").getString("id");
            assertCompleteRun(of(untilFinished(client, Set.of(id)), id), id, mangaId, "c1", 3);
            return new Downloaded(item, id);
        }
    }
}
