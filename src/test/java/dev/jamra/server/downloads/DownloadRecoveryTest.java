package dev.jamra.server.downloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.jamra.server.storage.Database;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.LibraryRows;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.RunningServer;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static dev.jamra.server.downloads.DownloadAssertions.download;
import static dev.jamra.server.downloads.DownloadAssertions.enqueue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A server stopped in the middle of a download, started again on the same data folder, finishes it. */
class DownloadRecoveryTest {

    @Test
    void aDownloadInterruptedByAStopCompletesAtTheNextStart() throws IOException {
        Path dataDir = TestConfig.newDataDir();
        CountDownLatch secondPageHeld = new CountDownLatch(1);
        try (PageServer pages = PageServer.start()) {
            pages.addLongChapter(secondPageHeld);
            Map<String, String> config = pages.settings(Map.of("downloads.retry-backoff", "PT0.01S"));

            RunningServer first = RunningServer.start(dataDir, config);
            String id;
            try {
                String item;
                try (LibraryRows library = LibraryRows.open(dataDir)) {
                    item = library.insert("long", "fixture");
                }
                id = enqueue(first.http(), item, "fixture", "l1").get("l1").getString("id");
                Await.until(() -> pages.requests("long", "l1", "2.png") == 1 && pages.inFlight() == 1,
                        "page 2 is being fetched");
                assertEquals(1, download(first.http(), id).getJsonArray("pages").size());
            } finally {
                first.app().stop();
            }
            assertEquals("downloading", statusOf(dataDir, id), "a download stopped with the server stays running");
            secondPageHeld.countDown();

            RunningServer second = RunningServer.start(dataDir, config);
            try {
                Await.until(() -> "completed".equals(download(second.http(), id).getJsonObject("download")
                        .getString("status")), "the download completes after the restart");
                Path folder = DownloadAssertions.folder(dataDir, id);
                for (int page = 1; page <= 3; page++) {
                    assertArrayEquals(PageServer.bytesFor(page + ".png"),
                            Files.readAllBytes(folder.resolve(String.format("page_%03d.png", page))));
                }
                assertEquals(3, DownloadAssertions.pageFiles(folder).size(), "no part file left behind");
                assertEquals(1, pages.requests("long", "l1", "1.png"), "the page stored before the stop is kept");
                assertEquals(3, download(second.http(), id).getJsonArray("pages").size());
            } finally {
                second.app().stop();
            }
        } finally {
            secondPageHeld.countDown();
        }
    }

    private static String statusOf(Path dataDir, String downloadId) {
        try (Database database = Database.open(dataDir)) {
            return database.read(connection -> {
                try (PreparedStatement query = connection.prepareStatement("SELECT status FROM downloads WHERE id = ?")) {
                    query.setString(1, downloadId);
                    try (ResultSet row = query.executeQuery()) {
                        row.next();
                        return row.getString(1);
                    }
                }
            });
        }
    }
}
