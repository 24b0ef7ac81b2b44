package dev.jamra.server.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import dev.jamra.server.downloads.DownloadFolders;
import dev.jamra.server.storage.DataFolder;
import dev.jamra.server.storage.DataFolderLock;
import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.ServerState;
import dev.jamra.server.storage.StorageException;

import org.sqlite.SQLiteConfig;

/**
 * Imports an original JAMRA server's data: its {@code manga.db}, opened read-only, and the page files of its
 * downloads, copied. Our database changes in one transaction, so an import that fails leaves it as it was (and
 * takes back the files it copied); rows already here are skipped, so running it again adds nothing, except that a
 * download an earlier import added as failed for want of sound pages is repaired when its pages are sound now.
 */
public final class OriginalImport {
    /** The original's database file name. */
    public static final String ORIGINAL_DATABASE = "manga.db";
    /** How long to wait for a running original that holds its database locked (it does only while it commits). */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    private final Path source;
    private final Path originalDownloads;
    private final Path dataDir;
    private final Path downloadsDir;
    private final Duration busyTimeout;

    /**
     * @param source            the original's {@code manga.db}
     * @param originalDownloads where the original kept its page files
     * @param dataDir           our data folder
     * @param downloadsDir      our downloads folder in it
     */
    public OriginalImport(Path source, Path originalDownloads, Path dataDir, Path downloadsDir) {
        this(source, originalDownloads, dataDir, downloadsDir, BUSY_TIMEOUT);
    }

    OriginalImport(Path source, Path originalDownloads, Path dataDir, Path downloadsDir, Duration busyTimeout) {
        this.source = source.toAbsolutePath().normalize();
        this.originalDownloads = originalDownloads.toAbsolutePath().normalize();
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.downloadsDir = downloadsDir.toAbsolutePath().normalize();
        this.busyTimeout = busyTimeout;
    }

    /** Where the original kept the page files of {@code mangaDb} unless told otherwise: {@code downloads} beside it. */
    public static Path defaultDownloads(Path mangaDb) {
        Path parent = mangaDb.toAbsolutePath().normalize().getParent();
        return parent.resolve("downloads");
    }

    /**
     * Imports into our open database, in one transaction. When the source is the data folder's own
     * {@code manga.db}, the same transaction marks its import as no longer pending.
     *
     * @throws ImportRefusedException when the source is not an original JAMRA database this importer knows
     */
    public ImportReport into(Database database) {
        return into(database, readSource());
    }

    private ImportReport into(Database database, OriginalData original) {
        Path scratch = new DataFolder(dataDir).scratch();
        PageCopies copies = new PageCopies(new DownloadFolders(downloadsDir), scratch);
        try {
            copies.sweepScratch();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear the scratch folder " + scratch, e);
        }
        try {
            return database.write(connection -> {
                ImportPlan plan = ImportPlanner.plan(original, TargetDatabase.of(connection), pageFiles());
                ImportWriter.write(connection, plan, copies);
                if (source.equals(dataDir.resolve(ORIGINAL_DATABASE))) {
                    ServerState.ORIGINAL_IMPORT_PENDING.clear(connection);
                }
                return report(plan, original, false);
            });
        } catch (RuntimeException | Error e) {
            copies.undo();
            throw e;
        }
    }

    /**
     * Imports into the data folder as the command does: refused while a server or another import holds the folder;
     * a database this run created is removed again when the import fails, so the folder is left as it was.
     */
    public ImportReport intoDataFolder() {
        OriginalData original = readSource(); // a wrong source is refused before anything is touched
        Path databaseFile = dataDir.resolve(Database.FILE_NAME);
        try (DataFolderLock lock = DataFolderLock.acquire(dataDir)) {
            boolean created = !Files.exists(databaseFile);
            try (Database database = Database.open(dataDir)) {
                return into(database, original);
            } catch (RuntimeException | Error e) {
                if (created) {
                    deleteDatabase(databaseFile);
                }
                throw e;
            }
        }
    }

    /** Plans the import against our database as it is, and reports what it would do; changes nothing anywhere. */
    public ImportReport dryRun() {
        OriginalData original = readSource();
        DataFolderLock.check(dataDir);
        Path databaseFile = dataDir.resolve(Database.FILE_NAME);
        OriginalPageFiles pageFiles = pageFiles();
        try {
            if (!Files.exists(databaseFile)) {
                return report(ImportPlanner.plan(original, TargetDatabase.empty(), pageFiles), original, true);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            try (Connection connection = config.createConnection("jdbc:sqlite:" + databaseFile)) {
                connection.setAutoCommit(false);
                return report(ImportPlanner.plan(original, TargetDatabase.of(connection), pageFiles), original,
                        true);
            }
        } catch (SQLException e) {
            throw new StorageException("Cannot read " + databaseFile + ": " + e.getMessage(), e);
        }
    }

    private OriginalData readSource() {
        try (OriginalDatabase original = OriginalDatabase.open(source, busyTimeout)) {
            return original.read();
        }
    }

    private OriginalPageFiles pageFiles() {
        return new OriginalPageFiles(originalDownloads, defaultDownloads(source));
    }

    private ImportReport report(ImportPlan plan, OriginalData original, boolean dryRun) {
        return plan.report().build(source, originalDownloads, dataDir, dryRun, original.notCarried());
    }

    private static void deleteDatabase(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                // the import failed already; an empty database left behind only delays the automatic import
            }
        }
    }
}
