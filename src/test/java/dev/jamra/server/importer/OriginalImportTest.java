package dev.jamra.server.importer;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestConfig;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import static dev.jamra.server.importer.ImportRuns.Run;
import static dev.jamra.server.importer.ImportRuns.Running;
import static dev.jamra.server.importer.ImportRuns.command;
import static dev.jamra.server.importer.ImportRuns.snapshot;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An original user's data, in a database made by the original's own migrations, carried over by the import command:
 * what the REST API of a real server answers afterwards, and what a second run, a dry run and a failing run do.
 */
class OriginalImportTest {
    private final Path original = TestConfig.newDataDir();
    private final Path dataDir = TestConfig.newDataDir().resolve("data");

    @Test
    void theServerAnswersTheImportedItemsProgressSettingsAndDownloadsWithTheirIds() {
        OriginalFixture fixture = OriginalFixture.standard(original);
        String sourceHash = OriginalFixture.sha256(fixture.database);
        Map<String, String> originalFiles = ImportRuns.files(fixture.downloads);

        Run run = command(dataDir, fixture.database.toString());

        assertEquals(ImportCommand.ROWS_FAILED, run.status(), "the damaged download counts as a failure: " + run);
        assertRows(run.out(), row("library items", 5, 0, 0), row("reading progress", 4, 0, 0),
                row("settings", 9, 0, 0), row("downloads", 3, 0, 1), row("downloaded pages", 3, 1, 1));
        assertThat(run.out(), containsString("download dl-damaged"));
        assertThat(run.out(), containsString("1 extension(s): MangaDex (mangadex 1.2.0)"));
        assertThat(run.out(), containsString("Local Catalog (/catalog/index.json), with 2 catalog entries"));
        assertEquals(sourceHash, OriginalFixture.sha256(fixture.database), "the original database is untouched");
        assertEquals(originalFiles, ImportRuns.files(fixture.downloads), "the original page files are untouched");

        try (Running server = Running.start(dataDir)) {
            assertServesTheOriginalsData(server.http(), fixture);
        }
    }

    @Test
    void anImportWhileTheOriginalIsWritingReadsWhatItHadCommitted() throws SQLException {
        OriginalFixture fixture = OriginalFixture.standard(original);
        try (Connection originalServer = fixture.connect(); Statement write = originalServer.createStatement()) {
            write.execute("BEGIN IMMEDIATE");
            write.execute("INSERT INTO settings (key, scope, value_json, updated_at) VALUES ('uncommitted', 'app', "
                          + "'1', 1)");

            Run run = command(dataDir, fixture.database.toString());

            assertEquals(ImportCommand.ROWS_FAILED, run.status(), run.toString());
            assertThat(run.out(), containsString(row("settings", 9, 0, 0)));
            write.execute("COMMIT");
        }
    }

    @Test
    void aSecondImportSkipsEverythingChangesNothingAndStillCountsWhatItCannotCarry() {
        OriginalFixture fixture = OriginalFixture.standard(original);
        command(dataDir, fixture.database.toString());
        List<String> before = snapshot(dataDir);

        Run second = command(dataDir, fixture.database.toString());

        assertEquals(ImportCommand.ROWS_FAILED, second.status(), "dl-damaged is still not carried: " + second);
        assertRows(second.out(), row("library items", 0, 5, 0), row("reading progress", 0, 4, 0),
                row("settings", 0, 9, 0), row("downloads", 0, 3, 1), row("downloaded pages", 0, 4, 1));
        assertThat(second.out(), containsString("download dl-damaged (library item lib-reading, chapter ch-2): still"
                                                + " failed"));
        assertEquals(before, snapshot(dataDir));
    }

    @Test
    void aSecondImportThatFindsTheMissingPagesRepairsTheDownloadItAddedAsFailed() throws java.io.IOException {
        OriginalFixture fixture = OriginalFixture.standard(original);
        assertEquals(ImportCommand.ROWS_FAILED, command(dataDir, fixture.database.toString()).status());
        // the user finds page 2 elsewhere; page 1 is still where the original recorded it
        Path found = TestConfig.newDataDir().resolve("found");
        byte[] page2 = OriginalFixture.image("png", "dl-damaged/2");
        Files.write(Files.createDirectories(found.resolve("dl-damaged")).resolve("page_002.png"), page2);

        Run repair = command(dataDir, fixture.database.toString(), "--downloads", found.toString());

        assertEquals(ImportCommand.OK, repair.status(), "everything is carried now: " + repair);
        assertThat(repair.out(), containsString(row("downloads", 1, 3, 0)));
        assertThat(repair.out(), containsString(row("downloaded pages", 2, 3, 0)));
        try (Running server = Running.start(dataDir)) {
            JsonObject details = server.http().get("/api/downloads/dl-damaged").json();
            assertEquals("completed", details.getJsonObject("download").getString("status"));
            assertFalse(details.getJsonObject("download").containsKey("error"), details.toString());
            assertEquals(2, details.getJsonArray("pages").size());
            RestClient.Response image = server.http().get("/api/reader/lib-reading/chapters/ch-2/pages/2");
            assertArrayEquals(page2, image.bytes());
        }
        Run again = command(dataDir, fixture.database.toString(), "--downloads", found.toString());
        assertEquals(ImportCommand.OK, again.status(), again.toString());
        assertThat(again.out(), containsString(row("downloads", 0, 4, 0)));
    }

    @Test
    void aDryRunPrintsTheSameSummaryAndChangesNothing() {
        OriginalFixture fixture = OriginalFixture.standard(original);
        String sourceHash = OriginalFixture.sha256(fixture.database);

        Run dry = command(dataDir, fixture.database.toString(), "--dry-run");
        assertFalse(Files.exists(dataDir), "a dry run creates no data folder");
        Run real = command(dataDir, fixture.database.toString());
        assertEquals(real.status(), dry.status());
        assertThat(dry.out(), containsString("Dry run, nothing was changed"));
        assertEquals(table(real.out()), table(dry.out()), "the dry run announced what the import did");

        List<String> before = snapshot(dataDir);
        List<String> filesBefore = List.of(dataDir.toFile().list());
        String databaseHash = OriginalFixture.sha256(dataDir.resolve("jamra.db"));
        Run dryAgain = command(dataDir, fixture.database.toString(), "--dry-run");
        assertEquals(ImportCommand.ROWS_FAILED, dryAgain.status(), "dl-damaged would still not be carried");
        assertThat(dryAgain.out(), containsString(row("library items", 0, 5, 0)));
        assertEquals(before, snapshot(dataDir));
        assertEquals(filesBefore, List.of(dataDir.toFile().list()), "no file appears in the data folder");
        assertEquals(databaseHash, OriginalFixture.sha256(dataDir.resolve("jamra.db")));
        assertEquals(sourceHash, OriginalFixture.sha256(fixture.database));
    }

    @Test
    void anImportThatFailsHalfWayLeavesTheDatabaseAndTheDownloadsFolderAsTheyWere() throws SQLException {
        OriginalFixture fixture = OriginalFixture.standard(original);
        try (Running server = Running.start(dataDir)) {
            assertEquals(204, server.http().put("/api/settings", "{\"key\":\"mine\",\"value\":1}").status());
        }
        // the disk "fails" when the last page of dl-ok is stored: its files and earlier rows are already written
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("jamra.db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER simulated_failure BEFORE INSERT ON download_pages WHEN NEW.page_number = 3 "
                      + "BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END");
        }
        List<String> before = snapshot(dataDir);

        Run failed = command(dataDir, fixture.database.toString());

        assertEquals(ImportCommand.ABORTED, failed.status(), failed.toString());
        assertThat(failed.err(), containsString("simulated disk failure"));
        assertEquals(before, snapshot(dataDir), "no row and no copied page file is left");
        assertEquals(List.of(), List.of(dataDir.resolve("downloads").toFile().list()), "no folder is left either");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("jamra.db"));
             Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER simulated_failure");
        }
        assertEquals(ImportCommand.ROWS_FAILED, command(dataDir, fixture.database.toString()).status());
        try (Running server = Running.start(dataDir)) {
            assertServesTheOriginalsData(server.http(), fixture);
        }
    }

    @Test
    void anImportAbortedOnAFreshDataFolderLeavesNoDatabaseBehind() throws java.io.IOException {
        OriginalFixture fixture = OriginalFixture.standard(original);
        // a file where the downloads folder goes: the rows before the first page are written, then the copy fails
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("downloads"), "in the way");

        Run failed = command(dataDir, fixture.database.toString());

        assertEquals(ImportCommand.ABORTED, failed.status(), failed.toString());
        assertThat(failed.err(), containsString("Import failed, nothing was changed"));
        assertFalse(Files.exists(dataDir.resolve("jamra.db")), "the database this run created is gone again");
        assertEquals("in the way", Files.readString(dataDir.resolve("downloads")));
    }

    @Test
    void aServerStartingOnTheOriginalsDataFolderImportsItBeforeServing() {
        OriginalFixture fixture = OriginalFixture.standard(original);
        String sourceHash = OriginalFixture.sha256(fixture.database);

        try (Running server = Running.start(original)) {
            assertServesTheOriginalsData(server.http(), fixture);
        }
        assertEquals(sourceHash, OriginalFixture.sha256(fixture.database));
        for (int page = 1; page <= 3; page++) {
            assertArrayEquals(fixture.okPages.get(page),
                    readAll(fixture.pageFile("dl-ok", page, page == 3 ? "jpg" : "png")));
        }
        // once our database exists, a start imports nothing again
        try (Running server = Running.start(original)) {
            assertEquals(5, server.http().get("/api/library").json().getInt("total"));
        }
        Run again = command(original, fixture.database.toString());
        assertEquals(ImportCommand.ROWS_FAILED, again.status(), "all but dl-damaged is already there: " + again);
        assertThat(again.out(), containsString(row("library items", 0, 5, 0)));
    }

    @Test
    void aServerStartsEmptyWhenTheOriginalsDatabaseCannotBeImported() throws java.io.IOException {
        Path notADatabase = Files.writeString(original.resolve("manga.db"), "not a database");

        try (Running server = Running.start(original)) {
            assertEquals(0, server.http().get("/api/library").json().getInt("total"));
            assertEquals(200, server.http().get("/health").status());
        }
        assertEquals("not a database", Files.readString(notADatabase));
    }

    private static void assertServesTheOriginalsData(RestClient http, OriginalFixture fixture) {
        JsonObject list = http.get("/api/library?limit=500").json();
        assertEquals(5, list.getInt("total"));
        for (int i = 0; i < OriginalFixture.STATUSES.size(); i++) {
            String status = OriginalFixture.STATUSES.get(i);
            JsonObject item = http.get("/api/library/lib-" + status).json();
            assertEquals("manga-" + i, item.getString("mangaId"));
            assertEquals("mangadex", item.getString("extensionId"));
            assertEquals(i == 4 ? "Ｎａｕｓｉｃａä " + status : "Title " + status, item.getString("title"));
            assertEquals("https://covers.example/manga-" + i + ".jpg", item.getString("coverUrl"));
            assertEquals(status, item.getString("status"));
            assertEquals(i % 2 == 0, item.getBoolean("favorite"));
            assertEquals("2025-01-0" + (i + 1) + "T08:00:00.000Z", item.getString("dateAdded"));
            assertEquals(OriginalFixture.DATE, item.getString("lastUpdated"));
        }
        assertEquals(1, http.get("/api/library?search=%EF%BD%8E%EF%BD%81").json().getInt("total"),
                "imported titles are searchable like added ones");

        JsonArray progress = progressOf(http, "lib-reading");
        assertEquals(2, progress.size());
        JsonObject last = http.get("/api/library/lib-reading/last-read").json();
        assertEquals("prog-2", last.getString("id"), "the chapter read last stays the last read");
        assertEquals(5, last.getInt("pageNumber"));
        assertEquals(18, last.getInt("totalPages"));
        assertEquals("2", last.getString("chapterNumber"));
        assertEquals("2025-01-03T10:00:00.000Z", last.getString("lastRead"));
        JsonObject first = http.get("/api/library/lib-reading/chapters/ch-1/progress").json();
        assertEquals("prog-1", first.getString("id"));
        assertTrue(first.getBoolean("completed"));
        JsonObject open = progressOf(http, "lib-completed").getJsonObject(0);
        assertEquals("prog-3", open.getString("id"));
        assertFalse(open.containsKey("totalPages"));
        assertFalse(open.containsKey("chapterNumber"));
        assertEquals("prog-4", progressOf(http, "lib-on_hold").getJsonObject(0).getString("id"));

        for (Map.Entry<String, String> setting : OriginalFixture.SETTINGS.entrySet()) {
            JsonObject stored = http.get("/api/settings/" + setting.getKey()).json().getJsonObject("setting");
            assertEquals(parse(setting.getValue()), stored.get("value"), setting.getKey());
        }
        assertEquals("2025-01-09T18:10:00.123Z",
                http.get("/api/settings/theme").json().getJsonObject("setting").getString("updatedAt"));

        JsonObject ok = http.get("/api/downloads/dl-ok").json();
        assertEquals("completed", ok.getJsonObject("download").getString("status"));
        assertEquals("lib-reading", ok.getJsonObject("download").getString("libraryId"));
        assertEquals(3, ok.getJsonArray("pages").size());
        assertEquals("dl-ok-p1", ok.getJsonArray("pages").getJsonObject(0).getString("id"));
        for (int page = 1; page <= 3; page++) {
            RestClient.Response image = http.get("/api/reader/lib-reading/chapters/ch-1/pages/" + page);
            assertEquals(200, image.status(), image.toString());
            assertArrayEquals(fixture.okPages.get(page), image.bytes(), "page " + page);
            assertEquals(page == 3 ? "image/jpeg" : "image/png", image.contentType());
        }
        JsonObject damaged = http.get("/api/downloads/dl-damaged").json();
        assertEquals("failed", damaged.getJsonObject("download").getString("status"));
        assertThat(damaged.getJsonObject("download").getString("error"), containsString("page 2"));
        assertThat(damaged.getJsonObject("download").getString("error"), containsString("missing"));
        assertEquals(0, damaged.getJsonArray("pages").size());
        JsonObject failed = http.get("/api/downloads/dl-failed").json().getJsonObject("download");
        assertEquals("failed", failed.getString("status"));
        assertEquals("Network error", failed.getString("error"));
        assertEquals("cancelled", http.get("/api/downloads/dl-cancelled").json().getJsonObject("download")
                .getString("status"));
    }

    private static JsonArray progressOf(RestClient http, String libraryId) {
        JsonValue value = http.get("/api/library/" + libraryId + "/progress").value();
        return value.getValueType() == JsonValue.ValueType.ARRAY ? value.asJsonArray()
                : value.asJsonObject().getJsonArray("progress");
    }

    private static String row(String kind, int imported, int skipped, int failed) {
        return String.format("  %-18s %8d %8d %8d", kind, imported, skipped, failed);
    }

    /** The counts table of a summary. */
    private static List<String> table(String summary) {
        return summary.lines().filter(line -> line.matches("  [a-z ]+ +\\d+ +\\d+ +\\d+")).toList();
    }

    private static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Asserts that the report {@code out} holds each of {@code rows}. */
    private static void assertRows(String out, String... rows) {
        for (String row : rows) {
            assertThat(out, containsString(row));
        }
    }
}
