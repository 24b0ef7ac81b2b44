package dev.jamra.server.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.jamra.server.storage.Sql;

import org.sqlite.SQLiteConfig;

/**
 * The original Node.js server's {@code manga.db}, opened read-only ({@code SQLITE_OPEN_READONLY}: SQLite itself
 * refuses every write, so a running original server is never disturbed and the file's bytes never change). Opening
 * refuses anything that is not that database at a schema version this importer knows.
 */
final class OriginalDatabase implements AutoCloseable {
    /**
     * The original server's migrations this importer reads (their SQL, as the original applies it, is in
     * {@code src/test/resources/importer/original-migrations.sql}): 1 catalog, extensions and settings; 2 extension
     * install details; 3 library and progress; 4 downloads.
     */
    static final List<Integer> KNOWN_VERSIONS = List.of(1, 2, 3, 4);
    static final List<String> REQUIRED_TABLES = List.of("migrations", "library", "reading_progress", "settings",
            "downloads", "downloaded_pages", "extensions", "extension_installs", "catalog_repos", "catalog_entries");
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final String EXPECTED = "expected the original JAMRA server's manga.db (an SQLite database "
                                           + "with the tables " + String.join(", ", REQUIRED_TABLES) + ")";

    private final Path file;
    private final Connection connection;
    private final Duration busyTimeout;

    private OriginalDatabase(Path file, Connection connection, Duration busyTimeout) {
        this.file = file;
        this.connection = connection;
        this.busyTimeout = busyTimeout;
    }

    /**
     * Opens {@code file} read-only and checks it.
     *
     * @param busyTimeout how long to wait for a running original that holds its database locked
     * @throws ImportRefusedException when it is missing, not SQLite, not JAMRA's, or at an unknown schema version, or
     *                                stays locked for {@code busyTimeout}
     */
    static OriginalDatabase open(Path file, Duration busyTimeout) {
        checkSqliteFile(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        // a running original holds its write lock only while it commits: wait for it rather than fail
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        Connection connection;
        try {
            connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new ImportRefusedException("Cannot open " + file + " read-only: " + e.getMessage(), e);
        }
        try {
            checkSchema(file, connection);
            return new OriginalDatabase(file, connection, busyTimeout);
        } catch (SQLException e) {
            closeQuietly(connection);
            if (isLocked(e)) {
                throw locked(file, busyTimeout, e);
            }
            throw new ImportRefusedException(file + " cannot be read as an SQLite database (" + e.getMessage()
                                             + "); " + EXPECTED + ".", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** Reads every row the import needs, in one read transaction so they all come from the same moment. */
    OriginalData read() {
        try {
            connection.setAutoCommit(false);
            try {
                return OriginalReader.read(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (isLocked(e)) {
                throw locked(file, busyTimeout, e);
            }
            throw new ImportRefusedException("Cannot read " + file + ": " + e.getMessage()
                                             + "; its tables do not have the columns of schema version "
                                             + KNOWN_VERSIONS.getLast() + ".", e);
        }
    }

    /** SQLite's "database is locked" (SQLITE_BUSY) or "table is locked" (SQLITE_LOCKED), primary or extended. */
    private static boolean isLocked(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == 5 || primary == 6;
    }

    private static ImportRefusedException locked(Path file, Duration busyTimeout, SQLException e) {
        return new ImportRefusedException(file + " stayed locked by another program (the original server, writing?)"
                                          + " for " + busyTimeout.toMillis() + " ms; stop it and try again", e);
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void checkSqliteFile(Path file) {
        if (!Files.exists(file)) {
            throw new ImportRefusedException(file + " does not exist; " + EXPECTED + ".");
        }
        if (!Files.isRegularFile(file)) {
            throw new ImportRefusedException(file + " is not a file; " + EXPECTED + ".");
        }
        byte[] head = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new ImportRefusedException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (read < head.length || !Arrays.equals(head, SQLITE_HEADER)) {
            throw new ImportRefusedException(file + " is not an SQLite database; " + EXPECTED + ".");
        }
    }

    private static void checkSchema(Path file, Connection connection) throws SQLException {
        Set<String> tables = new TreeSet<>(Sql.all(connection,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                row -> row.getString(1)));
        if (!tables.contains("migrations")) {
            throw new ImportRefusedException(file + " is not a JAMRA database: it has no migrations table (its tables: "
                                             + (tables.isEmpty() ? "none" : String.join(", ", tables)) + "); "
                                             + EXPECTED + ".");
        }
        List<Integer> versions = Sql.all(connection, "SELECT version FROM migrations ORDER BY version",
                row -> row.getInt(1));
        if (!versions.equals(KNOWN_VERSIONS)) {
            throw new ImportRefusedException(versionProblem(file, versions));
        }
        List<String> missing = new ArrayList<>(REQUIRED_TABLES);
        missing.removeAll(tables);
        if (!missing.isEmpty()) {
            throw new ImportRefusedException(file + " is not a JAMRA database: it lacks the tables "
                                             + String.join(", ", missing) + "; " + EXPECTED + ".");
        }
    }

    private static String versionProblem(Path file, List<Integer> versions) {
        String expected = "expected the original JAMRA server's schema version " + KNOWN_VERSIONS.getLast()
                          + " (migrations " + KNOWN_VERSIONS + ")";
        if (versions.isEmpty()) {
            return file + " records no schema version (its migrations table is empty); " + expected + ".";
        }
        int newest = versions.getLast();
        if (newest > KNOWN_VERSIONS.getLast()) {
            return file + " is at schema version " + newest + ", newer than this importer knows (applied migrations "
                   + versions + "); " + expected + ". Update this server, or ask for an importer of version "
                   + newest + ".";
        }
        return file + " is at schema version " + newest + " (applied migrations " + versions + "); " + expected
               + ". Start the original server once so that it upgrades its database, then import again.";
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // read-only: nothing to lose
        }
    }
}
