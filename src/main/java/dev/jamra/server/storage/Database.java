package dev.jamra.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded SQLite database at {@code <data dir>/jamra.db}, migrated by Flyway at open. SQLite takes one
 * writer at a time, so writes are serialized here on one connection (no {@code SQLITE_BUSY} between our own
 * requests), each in a transaction; reads run on a small pool of connections, concurrently with the writer
 * thanks to WAL. Safe to use from any number of virtual threads.
 *
 * <p>Taking a connection never fails on an interrupt: the interrupt is kept for the caller's next blocking step.
 * Cleanups run on threads a cancel interrupts (a download's worker), and they must still read and write.
 */
public final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    public static final String FILE_NAME = "jamra.db";
    private static final int READERS = 4;
    private static final int PAGE_CACHE_KIB = 16 * 1024;
    private static final Duration READER_WAIT = Duration.ofSeconds(30);

    private final Path file;
    private final Runnable onReaderWait;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> all = new ArrayList<>();

    private Database(Path file, SQLiteDataSource dataSource, Runnable onReaderWait) throws SQLException {
        this.file = file;
        this.onReaderWait = onReaderWait;
        this.writer = opened(dataSource);
        all.add(writer);
        for (int i = 0; i < READERS; i++) {
            Connection reader = opened(dataSource);
            all.add(reader);
            readers.add(reader);
        }
    }

    /**
     * A connection that has read the schema: SQLite parses it at a connection's first statement, which would
     * otherwise be the first request's (Home's last-read calls take every reader at once).
     */
    private static Connection opened(SQLiteDataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement();
             ResultSet schema = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            schema.next();
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Opens (creating if needed) the database in {@code dataDir} and applies pending migrations. */
    public static Database open(Path dataDir) {
        return openFile(dataDir.resolve(FILE_NAME), () -> { });
    }

    /**
     * Opens the database in {@code dataDir} as {@link #open(Path)} does; {@code onReaderWait} runs on the reading
     * thread each time a read finds every connection busy, just before it waits for one (tests use it to act at
     * exactly that moment).
     */
    public static Database open(Path dataDir, Runnable onReaderWait) {
        return openFile(dataDir.resolve(FILE_NAME), onReaderWait);
    }

    /** Opens (creating if needed) the database file {@code file}, under another name than {@link #FILE_NAME}. */
    public static Database openFile(Path file) {
        return openFile(file, () -> { });
    }

    private static Database openFile(Path file, Runnable onReaderWait) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file.toAbsolutePath().getParent(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        // Each connection's page cache, 2 MiB by SQLite's default, in KiB: a title search of a 50,000-item library
        // visits some 10 MB of pages, which with the default came back from the operating system at every search
        // (half its time in reads). Pages are cached as they are read, so a small library takes only its size.
        config.setCacheSize(-PAGE_CACHE_KIB);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        MigrateResult migrated = flyway.migrate();
        int applied = migrated.migrationsExecuted;
        String version = applied > 0 ? migrated.targetSchemaVersion : migrated.initialSchemaVersion;
        LOG.log(Level.INFO, () -> "Database " + file + " at schema version " + version
                                  + (applied > 0 ? " (" + applied + " migration(s) applied now)" : ""));
        try {
            return new Database(file, dataSource, onReaderWait);
        } catch (SQLException e) {
            throw new StorageException("Cannot open " + file, e);
        }
    }

    /**
     * Runs a read of one statement on a pooled connection, without a transaction of its own: SQLite reads one
     * statement from one snapshot, and the driver runs the begin and commit of {@link #read} as statements of
     * their own, which cost a small read more than its query. Work that runs two statements must use {@link #read}.
     */
    public <T> T query(SqlFunction<T> work) {
        Connection connection = takeReader();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StorageException("Read failed: " + e.getMessage(), e);
        } finally {
            readers.add(connection);
        }
    }

    /**
     * Runs read-only work on a pooled connection, in one read transaction: everything it reads comes from the
     * same snapshot (a page of items and their total agree even while others write).
     */
    public <T> T read(SqlFunction<T> work) {
        return query(connection -> inTransaction(connection, work));
    }

    /**
     * Runs {@code work} in one transaction on the write connection: committed if it returns, rolled back if it
     * throws (its exception passes through, SQL failures as {@link StorageException}).
     */
    public <T> T write(SqlFunction<T> work) {
        writeLock.lock();
        try {
            return inTransaction(writer, work);
        } catch (SQLException e) {
            throw new StorageException("Write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private static <T> T inTransaction(Connection connection, SqlFunction<T> work) throws SQLException {
        connection.setAutoCommit(false);
        boolean committed = false;
        try {
            T result = work.apply(connection);
            connection.commit();
            committed = true;
            return result;
        } finally {
            // Also on an Error: turning auto-commit back on would commit what the work left half done.
            if (!committed) {
                rollbackQuietly(connection);
            }
            connection.setAutoCommit(true);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Rollback failed", e);
        }
    }

    /** Whether the database answers now: {@code null} when it does, else a sentence for whoever asks. */
    public String problem() {
        try {
            return read(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                    return null;
                }
            });
        } catch (RuntimeException e) {
            // the file's path and the driver's words are for the log, not for whoever asks /health
            LOG.log(Level.WARNING, "Database " + file + " does not answer: " + e.getMessage());
            return "The database does not answer";
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            for (Connection connection : all) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "Failed to close a database connection", e);
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A free read connection, waiting at most {@link #READER_WAIT} for one. An interrupt does not end the wait (the
     * pool is small and connections come back within a query), it is restored for the caller's next blocking step.
     */
    private Connection takeReader() {
        Connection connection = readers.poll();
        if (connection != null) {
            return connection;
        }
        onReaderWait.run();
        long deadline = System.nanoTime() + READER_WAIT.toNanos();
        boolean interrupted = false;
        try {
            while (connection == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StorageException("No database connection free for " + READER_WAIT, null);
                }
                try {
                    connection = readers.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return connection;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Moves everything the write-ahead log holds into the database file and empties the log, so that the file alone
     * holds the data (before it is renamed, say). Waits for writes in progress.
     */
    public void checkpoint() {
        writeLock.lock();
        try (Statement statement = writer.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (!result.next() || result.getInt(1) != 0) {
                throw new StorageException("Checkpoint of " + file + " could not finish: the database is busy", null);
            }
        } catch (SQLException e) {
            throw new StorageException("Checkpoint of " + file + " failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Database[" + file + "]";
    }
}
