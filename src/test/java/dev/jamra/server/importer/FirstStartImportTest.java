package dev.jamra.server.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import dev.jamra.server.storage.DataFolderLock;
import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.ServerState;
import dev.jamra.server.testing.LogLines;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestConfig;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static dev.jamra.server.importer.ImportRuns.Running;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server's first start on the original's data folder (the desktop shell's way to switch) when the import does not
 * commit: refused, locked, failing halfway. Each time the server serves, not one of the original's files changes,
 * one WARNING says why and what to do, and a later start imports, merging with what the user added meanwhile.
 */
class FirstStartImportTest {
    private static final String LOGGERS = "dev.jamra.server";

    private final Path folder = TestConfig.newDataDir();

    @Test
    void aRefusedImportLeavesEveryOriginalFileAndTheNextStartImportsBesideTheUsersNewItems() throws IOException {
        OriginalFixture fixture = OriginalFixture.standard(folder);
        fixture.sql("INSERT INTO migrations (version, description, applied_at) VALUES (5, 'from the future', 1)");
        Map<String, String> originalFiles = ImportRuns.files(folder);

        try (LogLines log = LogLines.of(LOGGERS); Running server = Running.start(folder)) {
            RestClient http = server.http();
            assertEquals(0, http.get("/api/library").json().getInt("total"), "the server starts without it");
            assertEquals(200, http.get("/health").status());
            assertEquals(201, http.post("/api/library", Json.createObjectBuilder().add("mangaId", "new")
                    .add("extensionId", "local").add("title", "Added meanwhile").add("status", "reading").build())
                    .status());
            List<String> warnings = log.at(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertThat(warnings.getFirst(), allOf(containsString("Did not import"),
                    containsString("schema version 5, newer than this importer knows"),
                    containsString("tries again at each start"), containsString("bin/import-jamra"),
                    containsString("move manga.db out of")));
        }
        assertOriginalFilesUnchanged(originalFiles);
        assertFalse(Files.exists(folder.resolve(FirstStartImport.BUILDING)));
        assertTrue(pending(), "the database says the import waits");

        fixture.sql("DELETE FROM migrations WHERE version = 5");
        try (Running server = Running.start(folder)) {
            RestClient http = server.http();
            assertEquals(6, http.get("/api/library").json().getInt("total"), "merged with the user's item");
            assertEquals("completed", http.get("/api/downloads/dl-ok").json().getJsonObject("download")
                    .getString("status"));
            assertArrayEquals(fixture.okPages.get(1), http.get("/api/reader/lib-reading/chapters/ch-1/pages/1")
                    .bytes());
        }
        assertFalse(pending());
        try (LogLines log = LogLines.of(LOGGERS); Running server = Running.start(folder)) {
            assertEquals(6, server.http().get("/api/library").json().getInt("total"));
            assertEquals(List.of(), log.lines().stream().filter(line -> line.contains("manga.db")).toList(),
                    "once imported, a start imports nothing");
        }
    }

    @Test
    void aSecondServerOnTheFolderIsRefusedBeforeItCreatesAnything() {
        OriginalFixture.standard(folder);
        Map<String, String> originalFiles = ImportRuns.files(folder);
        try (DataFolderLock held = DataFolderLock.acquire(folder)) {
            assertThrows(DataFolderLock.InUseException.class, () -> Running.start(folder));
        }
        assertFalse(Files.exists(folder.resolve(Database.FILE_NAME)));
        assertFalse(Files.exists(folder.resolve(FirstStartImport.BUILDING)));
        assertOriginalFilesUnchanged(originalFiles);
    }

    @Test
    void anOriginalThatStaysLockedIsRefusedAndImportedOnceItIsFree() throws SQLException {
        OriginalFixture fixture = OriginalFixture.standard(folder);
        Map<String, String> originalFiles = ImportRuns.files(folder);
        // the steps of Main.setup, with a short wait for the lock
        FirstStartImport firstStart = new FirstStartImport(folder, folder.resolve("downloads"), Duration.ofMillis(300));
        try (Connection original = fixture.connect(); Statement writing = original.createStatement();
             LogLines log = LogLines.of(LOGGERS)) {
            writing.execute("BEGIN EXCLUSIVE");
            firstStart.beforeOpening();
            try (Database database = Database.open(folder)) {
                firstStart.afterOpening(database);
                assertTrue(database.read(ServerState.ORIGINAL_IMPORT_PENDING::isSet));
            }
            writing.execute("ROLLBACK");
            assertEquals(1, log.at(Level.WARNING).size(), log.lines().toString());
            assertThat(log.at(Level.WARNING).getFirst(), allOf(containsString("stayed locked by another program"),
                    containsString("bin/import-jamra")));
        }
        assertOriginalFilesUnchanged(originalFiles);

        try (Running server = Running.start(folder)) {
            assertEquals(5, server.http().get("/api/library").json().getInt("total"));
        }
        assertFalse(pending());
    }

    @Test
    void anImportThatFailsHalfWayKeepsNothingOfItsOwnAndIsTriedAgain() throws IOException {
        OriginalFixture fixture = OriginalFixture.standard(folder);
        // pages the original named .jpg hold png images: they are copied as page_001.png... beside the originals
        fixture.download("dl-copy", "lib-plan_to_read", "ch-3", "completed", 2, null);
        byte[] first = fixture.page("dl-copy", 1, "jpg", "png");
        byte[] second = fixture.page("dl-copy", 2, "jpg", "png");
        // the second copy fails: something is in the way (after rows were written and the first page copied)
        Path obstacle = Files.createDirectories(fixture.downloads.resolve("dl-copy").resolve("page_002.png"));
        Map<String, String> originalFiles = ImportRuns.files(folder);

        try (LogLines log = LogLines.of(LOGGERS); Running server = Running.start(folder)) {
            assertEquals(0, server.http().get("/api/library").json().getInt("total"));
            assertEquals(1, log.at(Level.WARNING).size(), log.lines().toString());
            assertThat(log.at(Level.WARNING).getFirst(), allOf(
                    containsString("the import failed, nothing of it was kept"), containsString("in the way")));
        }
        assertOriginalFilesUnchanged(originalFiles);
        assertEquals(List.of("page_001.jpg", "page_002.jpg", "page_002.png"),
                names(fixture.downloads.resolve("dl-copy")), "the page copied before the failure is gone again");
        assertTrue(pending());

        Files.delete(obstacle);
        try (Running server = Running.start(folder)) {
            RestClient http = server.http();
            assertEquals(5, http.get("/api/library").json().getInt("total"));
            assertArrayEquals(first, http.get("/api/reader/lib-plan_to_read/chapters/ch-3/pages/1").bytes());
            assertArrayEquals(second, http.get("/api/reader/lib-plan_to_read/chapters/ch-3/pages/2").bytes());
            // the folder holds the original's files beside the copies: it is not adopted, so nothing in it is deleted
            assertEquals(204, http.delete("/api/library/lib-plan_to_read").status());
        }
        assertEquals(List.of("page_001.jpg", "page_001.png", "page_002.jpg", "page_002.png"),
                names(fixture.downloads.resolve("dl-copy")));
        assertOriginalFilesUnchanged(originalFiles);
    }

    private boolean pending() {
        try (Database database = Database.open(folder)) {
            return database.read(ServerState.ORIGINAL_IMPORT_PENDING::isSet);
        }
    }

    /** Every file the original's folder held is still there, byte for byte. */
    private void assertOriginalFilesUnchanged(Map<String, String> before) {
        Map<String, String> now = ImportRuns.files(folder);
        before.forEach((file, hash) -> assertEquals(hash, now.get(file), file));
    }

    private static List<String> names(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
