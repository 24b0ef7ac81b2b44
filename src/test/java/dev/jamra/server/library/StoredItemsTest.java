package dev.jamra.server.library;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import dev.jamra.server.storage.Database;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link StoredItems} owns the statement it reads: closing it, or failing to run it, closes the statement. */
class StoredItemsTest {
    private final Database db = Database.open(TestConfig.newDataDir());

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void closingTheRowsClosesTheStatement() {
        assertTrue(db.<Boolean>read(c -> {
            PreparedStatement select = c.prepareStatement("SELECT 1 UNION ALL SELECT 2");
            try (StoredItems rows = new StoredItems(select)) {
                assertTrue(rows.next());
                assertFalse(select.isClosed());
            }
            return select.isClosed();
        }));
    }

    @Test
    void aQueryThatFailsClosesItsStatement() {
        assertTrue(db.<Boolean>read(c -> {
            PreparedStatement select = c.prepareStatement("SELECT json(?)");
            select.setString(1, "{not json");
            assertThrows(SQLException.class, () -> new StoredItems(select).close());
            return select.isClosed();
        }));
    }
}
