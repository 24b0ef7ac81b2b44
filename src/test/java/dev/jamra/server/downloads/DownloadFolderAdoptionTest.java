package dev.jamra.server.downloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.jamra.server.sources.PageFetcher;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.ServerState;
import dev.jamra.server.storage.Sql;
import dev.jamra.server.testing.TestConfig;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data folder an earlier version of this server left, before folders carried the ownership marker: at the first
 * start of this version, the folders of its downloads that hold only their recorded pages are adopted, once, and
 * every other folder stays as it is, then and later.
 */
class DownloadFolderAdoptionTest {
    private static final String DATE = "2025-01-09T18:10:00.000Z";

    private final Path dataDir = TestConfig.newDataDir();
    private final Path downloads = dataDir.resolve("downloads");

    @Test
    void theFoldersOfItsOwnDownloadsAreAdoptedOnceAndNoOtherFolderIsEverTouched() throws IOException, SQLException {
        Flyway.configure().dataSource("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME), null, null)
                .locations("classpath:db/migration").target("2").load().migrate();
        try (Connection earlier = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME))) {
            Sql.update(earlier, "INSERT INTO library_items (id, manga_id, extension_id, title, title_key, status, "
                                + "date_added, last_updated) VALUES ('lib', 'm', 'fixture', 'T', 't', 'reading', ?, ?)",
                    DATE, DATE);
            for (String id : List.of("mine", "extra", "failed")) {
                Sql.update(earlier, "INSERT INTO downloads (id, library_id, manga_id, chapter_id, extension_id, "
                                    + "status, created_at) VALUES (?, 'lib', 'm', ?, 'fixture', ?, ?)", id, "c-" + id,
                        id.equals("failed") ? "failed" : "completed", DATE);
            }
            for (String id : List.of("mine", "extra")) {
                Sql.update(earlier, "INSERT INTO download_pages (id, download_id, page_number, page_url, file_path, "
                                    + "file_size, downloaded_at) VALUES (?, ?, 1, 'u', ?, 1, ?)", id + "-1", id,
                        id + "/page_001.png", DATE);
            }
        }
        page("mine", "page_001.png");
        page("mine", "page_002-123.part");
        page("extra", "page_001.png");
        page("extra", "cover.jpg");
        page("failed", "page_001.png");
        page("stray", "page_001.png");

        try (Database database = Database.open(dataDir); PageFetcher fetcher = new PageFetcher(
                new PageFetcher.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20, true))) {
            assertTrue(database.read(ServerState.DOWNLOAD_FOLDERS_TO_ADOPT::isSet), "the migration asks for it");
            try (DownloadService service = start(database, fetcher)) {
                assertFalse(database.read(ServerState.DOWNLOAD_FOLDERS_TO_ADOPT::isSet), "adopted once");
                assertEquals(List.of(DownloadFolders.MARKER, "page_001.png"), names("mine"),
                        "adopted, its .part swept");
                assertEquals(List.of("cover.jpg", "page_001.png"), names("extra"), "a file it did not record");
                assertEquals(List.of("page_001.png"), names("failed"), "not ours: left, though it keeps no files");
                assertEquals(List.of("page_001.png"), names("stray"), "no download of ours");

                service.removeAllFor("lib");
            }
            assertFalse(Files.exists(downloads.resolve("mine")), "ours: its files went with it");
            assertEquals(List.of("cover.jpg", "page_001.png"), names("extra"));
            assertEquals(List.of("page_001.png"), names("failed"));
            try (DownloadService again = start(database, fetcher)) {
                assertEquals(List.of("page_001.png"), names("stray"), "never adopted later");
                assertFalse(Files.exists(downloads.resolve("stray").resolve(DownloadFolders.MARKER)));
            }
        }
    }

    private DownloadService start(Database database, PageFetcher fetcher) {
        return DownloadService.start(new DownloadSettings(1, 0, Duration.ZERO, new PageFetcher.Settings(
                        Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20, true)), database, downloads,
                id -> Optional.empty(), new SourceRegistry(List.of()), fetcher, event -> { }, Clock.systemUTC());
    }

    private void page(String downloadId, String name) throws IOException {
        Files.write(Files.createDirectories(downloads.resolve(downloadId)).resolve(name), new byte[] {1});
    }

    private List<String> names(String downloadId) throws IOException {
        try (Stream<Path> entries = Files.list(downloads.resolve(downloadId))) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
