package dev.jamra.server.storage;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The database opened beside the rest of the wiring: what {@link Database#open} gives, its failures unwrapped. */
class DatabaseOpeningTest {

    @Test
    void handsOverTheOpenMigratedDatabase() {
        Path dir = TestConfig.newDataDir();
        DatabaseOpening opening = DatabaseOpening.start(dir);
        try (Database db = opening.await()) {
            assertNull(db.problem());
            int libraryItems = db.read(c -> {
                try (Statement statement = c.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM library_items")) {
                    return rows.next() ? rows.getInt(1) : -1;
                }
            });
            assertEquals(0, libraryItems, "migrated: the library table is there, empty");
            assertSame(db, opening.await(), "the same database each time it is asked for");
        }
    }

    @Test
    void throwsWhatOpeningThrewItself() throws Exception {
        Path notAFolder = Files.createFile(TestConfig.newDataDir().resolve("a-file"));
        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> DatabaseOpening.start(notAFolder).await());
        assertEquals("Cannot create " + notAFolder, failure.getMessage());
    }
}
