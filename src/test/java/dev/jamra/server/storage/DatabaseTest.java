package dev.jamra.server.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest {

    @Test
    void opensMigratedInWalModeWithForeignKeys() {
        Path dir = TestConfig.newDataDir();
        try (Database db = Database.open(dir)) {
            assertTrue(Files.exists(dir.resolve(Database.FILE_NAME)));
            assertEquals("wal", db.read(c -> single(c, "pragma journal_mode")));
            assertEquals("-16384", db.query(c -> single(c, "pragma cache_size")), "a 16 MiB page cache");
            assertEquals("1", db.read(c -> single(c, "pragma foreign_keys")));
            assertEquals("1", db.read(c -> single(c, "select count(*) from flyway_schema_history where version = '1'")));
            assertNull(db.problem());
        }
        try (Database again = Database.open(dir)) {
            assertEquals("1", again.read(c -> single(c, "select count(*) from flyway_schema_history where version = '1'")),
                    "a second start applies nothing twice");
        }
    }

    @Test
    void aFailingDatabaseIsReportedWithoutItsPath() {
        Path dir = TestConfig.newDataDir();
        Database db = Database.open(dir);
        db.close();
        String problem = db.problem();
        assertEquals("The database does not answer", problem, "the path and the driver's words stay in the log");
    }

    @Test
    void aQueryRunsWithoutATransactionAndGivesItsConnectionBackEvenWhenItFails() {
        try (Database db = Database.open(TestConfig.newDataDir())) {
            assertEquals(true, db.query(c -> c.getAutoCommit()), "one statement needs no transaction of its own");
            assertEquals(false, db.read(c -> c.getAutoCommit()), "a read is one transaction");
            for (int i = 0; i < 10; i++) {  // more than there are reader connections
                StorageException failure = assertThrows(StorageException.class,
                        () -> db.query(c -> single(c, "select no_such_column from settings")));
                assertTrue(failure.getMessage().startsWith("Read failed: "), failure.getMessage());
            }
            assertEquals("0", db.query(c -> single(c, "select count(*) from settings")), "every reader came back");
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        assertRolledBack(new IllegalStateException("boom"));
    }

    @Test
    void anErrorInAWriteRollsItBackToo() {
        assertRolledBack(new AssertionError("not an exception"));
    }

    /** A write that inserts a row, then throws {@code failure} (unchecked), passes it on and leaves no row. */
    private static void assertRolledBack(Throwable failure) {
        try (Database db = Database.open(TestConfig.newDataDir())) {
            assertThrows(failure.getClass(), () -> db.write(c -> {
                insertSetting(c, "half", "1");
                if (failure instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) failure;
            }));
            assertEquals("0", db.read(c -> single(c, "select count(*) from settings")));
        }
    }

    @Test
    void concurrentWritesAllLand() throws Exception {
        try (Database db = Database.open(TestConfig.newDataDir());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String key = "k" + i;
                done.add(threads.submit(() -> db.write(c -> insertSetting(c, key, "v"))));
                done.add(threads.submit(() -> db.read(c -> single(c, "select count(*) from settings"))));
            }
            for (Future<?> f : done) {
                f.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            assertEquals("200", db.read(c -> single(c, "select count(*) from settings")));
        }
    }

    private static int insertSetting(java.sql.Connection c, String key, String value) throws java.sql.SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into settings (key, scope, value, updated_at) values (?, 'app', ?, '2025-01-01T00:00:00.000Z')")) {
            insert.setString(1, key);
            insert.setString(2, value);
            return insert.executeUpdate();
        }
    }

    private static String single(java.sql.Connection c, String sql) throws java.sql.SQLException {
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
