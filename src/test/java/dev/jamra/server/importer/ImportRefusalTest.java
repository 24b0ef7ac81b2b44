package dev.jamra.server.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static dev.jamra.server.importer.ImportRuns.Run;
import static dev.jamra.server.importer.ImportRuns.Running;
import static dev.jamra.server.importer.ImportRuns.command;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What the import refuses, with a message naming what it expected, and without touching anything. */
class ImportRefusalTest {
    private final Path folder = TestConfig.newDataDir();
    private final Path dataDir = TestConfig.newDataDir().resolve("data");

    @Test
    void anSqliteDatabaseThatIsNotJamrasIsRefused() throws SQLException {
        Path other = folder.resolve("notes.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
        }
        String hash = OriginalFixture.sha256(other);

        Run run = command(dataDir, other.toString());

        assertRefused(run, "is not a JAMRA database", "its tables: notes",
                "expected the original JAMRA server's manga.db");
        assertEquals(hash, OriginalFixture.sha256(other));
    }

    @Test
    void aTextFileIsRefused() throws IOException {
        Path text = Files.writeString(folder.resolve("manga.db"), "this is not a database\n");

        assertRefused(command(dataDir, text.toString()), "is not an SQLite database",
                "expected the original JAMRA server's manga.db");
        assertRefused(command(dataDir, text.toString(), "--dry-run"), "is not an SQLite database");
    }

    @Test
    void aMissingFileAndAFolderAreRefused() {
        assertRefused(command(dataDir, folder.resolve("nothing.db").toString()), "does not exist");
        assertRefused(command(dataDir, folder.toString()), "is not a file");
    }

    @Test
    void aNewerSchemaVersionIsRefused() {
        OriginalFixture fixture = OriginalFixture.empty(folder);
        fixture.sql("INSERT INTO migrations (version, description, applied_at) VALUES (5, 'from the future', 1)");

        assertRefused(command(dataDir, fixture.database.toString()), "schema version 5, newer than this importer knows",
                "expected the original JAMRA server's schema version 4 (migrations [1, 2, 3, 4])");
    }

    @Test
    void anOlderSchemaVersionIsRefusedWithTheWayOut() {
        OriginalFixture fixture = OriginalFixture.empty(folder, 1, 2);

        assertRefused(command(dataDir, fixture.database.toString()), "is at schema version 2",
                "Start the original server once");
    }

    @Test
    void aJamraLookAlikeWithoutItsTablesIsRefused() {
        OriginalFixture fixture = OriginalFixture.empty(folder);
        fixture.sql("DROP TABLE downloaded_pages");

        assertRefused(command(dataDir, fixture.database.toString()), "lacks the tables downloaded_pages");
    }

    @Test
    void anImportIntoTheDataFolderOfARunningServerIsRefused() {
        OriginalFixture fixture = OriginalFixture.standard(folder);
        try (Running server = Running.start(dataDir)) {
            Run run = command(dataDir, fixture.database.toString());
            assertEquals(ImportCommand.REFUSED, run.status(), run.toString());
            assertThat(run.err(), allOf(containsString("in use by a running JAMRA server"),
                    containsString("jamra.lock"), containsString("Stop it first")));
            assertEquals(0, server.http().get("/api/library").json().getInt("total"), "nothing was written under it");
            assertEquals(ImportCommand.REFUSED, command(dataDir, fixture.database.toString(), "--dry-run").status());
        }
        assertEquals(ImportCommand.ROWS_FAILED, command(dataDir, fixture.database.toString()).status(),
                "once the server stopped, the import runs");
    }

    @Test
    void wrongArgumentsAreRefusedWithTheUsage() {
        Run none = command(dataDir);
        assertEquals(ImportCommand.REFUSED, none.status());
        assertThat(none.err(), allOf(containsString("Name the original's manga.db"), containsString("Usage:")));
        assertThat(command(dataDir, "a.db", "--bogus").err(), containsString("Unknown option --bogus"));
        assertThat(command(dataDir, "a.db", "b.db").err(), containsString("Only one database"));
        assertThat(command(dataDir, "a.db", "--downloads").err(), containsString("--downloads needs one folder"));
        Run help = command(dataDir, "--help");
        assertEquals(ImportCommand.OK, help.status());
        assertThat(help.out(), containsString("--dry-run"));
        assertFalse(Files.exists(dataDir));
    }

    private void assertRefused(Run run, String... phrases) {
        assertEquals(ImportCommand.REFUSED, run.status(), run.toString());
        for (String phrase : phrases) {
            assertThat(run.err(), containsString(phrase));
        }
        assertThat(run.err(), containsString("Import refused, nothing was changed"));
        assertFalse(Files.exists(dataDir), "nothing was created for a refused import");
    }
}
