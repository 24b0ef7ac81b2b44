package dev.jamra.server.importer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.ServerState;

/**
 * Switching backends needs no command: when the server starts on a data folder holding the original's
 * {@code manga.db} and no database of ours yet, it imports it (page files from {@code downloads} beside it, as the
 * original kept them) before serving, and logs the summary.
 *
 * <p>The import builds a database file of its own, {@value #BUILDING}, marked "import pending" first; the import's
 * transaction clears the mark as it commits. Only then, closed and synced, does the file become {@code jamra.db},
 * by an atomic rename. So a start killed halfway leaves no {@code jamra.db} (the next start builds again), and a
 * start whose import is refused or fails serves an empty library whose database says the import is still pending:
 * each later start tries again, merging into what the user added meanwhile (rows already there are skipped), until
 * one commits. Either way one WARNING line says why and what the user can do, and the original's files stay as
 * they are: the server deletes only what it created.
 *
 * <p>Used in two steps around the opening of {@code jamra.db}: {@link #beforeOpening()}, then
 * {@link #afterOpening(Database)}.
 */
public final class FirstStartImport {
    private static final System.Logger LOG = System.getLogger(FirstStartImport.class.getName());
    /** The database a first start builds, before it becomes {@code jamra.db}. */
    static final String BUILDING = "jamra-import.db";
    /** The files SQLite keeps beside a database. */
    private static final String[] SIDE_FILES = {"-wal", "-shm", "-journal"};

    private final Path dataDir;
    private final Path downloadsDir;
    private final Path source;
    private final Duration busyTimeout;
    /** Whether this start tried the first import, and why it did not commit ({@code null} when it did). */
    private boolean tried;
    private String failure;

    FirstStartImport(Path dataDir, Path downloadsDir, Duration busyTimeout) {
        this.dataDir = dataDir;
        this.downloadsDir = downloadsDir;
        this.source = dataDir.resolve(OriginalImport.ORIGINAL_DATABASE);
        this.busyTimeout = busyTimeout;
    }

    /** For the data folder {@code dataDir}, whose page files live in {@code downloadsDir}. */
    public static FirstStartImport of(Path dataDir, Path downloadsDir) {
        return new FirstStartImport(dataDir, downloadsDir, OriginalImport.BUSY_TIMEOUT);
    }

    /**
     * On a first start in the original's data folder (its {@code manga.db}, no {@code jamra.db}), builds
     * {@code jamra.db} with the original's data, or empty and marked pending when the import does not commit. Runs
     * under the data folder's lock, before {@code jamra.db} is opened.
     */
    public void beforeOpening() {
        Path ours = dataDir.resolve(Database.FILE_NAME);
        if (!Files.isRegularFile(source) || Files.exists(ours)) {
            return;
        }
        tried = true;
        LOG.log(Level.INFO, "First start on a data folder of the original JAMRA server: importing " + source);
        Path building = dataDir.resolve(BUILDING);
        try {
            deleteBuilding();  // what a start killed halfway left: our own file, by its name
            try (Database database = Database.openFile(building)) {
                database.write(c -> {
                    ServerState.ORIGINAL_IMPORT_PENDING.set(c);
                    return null;
                });
                importInto(database);
                database.checkpoint();
            }
            for (String side : SIDE_FILES) {
                Path file = sibling(building, side);
                if (Files.exists(file) && Files.size(file) > 0) {
                    throw new IOException(file + " still holds data after the checkpoint");
                }
                Files.deleteIfExists(file);
            }
            sync(building, StandardOpenOption.WRITE);
            Files.move(building, ours, StandardCopyOption.ATOMIC_MOVE);
            sync(dataDir, StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            // jamra.db is opened (created) as on any start; afterOpening marks the import pending in it
            failure = "the database could not be built (" + e.getMessage() + ")";
            LOG.log(Level.DEBUG, "First-start import failed", e);
            deleteBuilding();
        }
    }

    /**
     * Finishes what {@link #beforeOpening()} began in the open {@code jamra.db}: reports the first import, or marks
     * it pending; on a later start whose database says the import is pending, tries it again.
     */
    public void afterOpening(Database database) {
        if (tried) {
            if (failure != null) {
                database.write(c -> {
                    ServerState.ORIGINAL_IMPORT_PENDING.set(c);
                    return null;
                });
                warnNotImported();
            }
            return;
        }
        if (Files.isRegularFile(source) && database.read(ServerState.ORIGINAL_IMPORT_PENDING::isSet)) {
            LOG.log(Level.INFO, "The import of " + source + " is still pending: trying again");
            importInto(database);
            if (failure != null) {
                warnNotImported();
            }
        }
    }

    /** Imports into {@code database}; a refusal or failure is kept in {@link #failure}, not thrown. */
    private void importInto(Database database) {
        try {
            ImportReport report = new OriginalImport(source, OriginalImport.defaultDownloads(source), dataDir,
                    downloadsDir, busyTimeout).into(database);
            LOG.log(report.anyFailed() ? Level.WARNING : Level.INFO, report.format());
        } catch (ImportRefusedException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Import failed", e);
            failure = "the import failed, nothing of it was kept: " + e.getMessage();
        }
    }

    private void warnNotImported() {
        String reason = failure.endsWith(".") ? failure.substring(0, failure.length() - 1) : failure;
        LOG.log(Level.WARNING, "Did not import the original JAMRA server's data from " + source + ": " + reason
                               + ". The server starts without it, leaves the original's files as they are, and"
                               + " tries again at each start. To import it now, stop the server and run"
                               + " bin/import-jamra " + source + "; to start without it for good, move "
                               + OriginalImport.ORIGINAL_DATABASE + " out of " + dataDir + ".");
    }

    private void deleteBuilding() {
        Path building = dataDir.resolve(BUILDING);
        try {
            Files.deleteIfExists(building);
            for (String side : SIDE_FILES) {
                Files.deleteIfExists(sibling(building, side));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete " + building + ": " + e);
        }
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static void sync(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        } catch (IOException e) {
            if (mode == StandardOpenOption.WRITE) {
                throw e;
            }
            // some platforms (Windows) cannot open a folder: the rename is as durable as they make it
        }
    }
}
