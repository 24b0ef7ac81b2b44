package dev.jamra.server.importer;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.jamra.server.storage.Database;

/**
 * Switching backends needs no command: when the server starts on a data folder holding the original's
 * {@code manga.db} and no database of ours yet, it imports it (page files from {@code downloads} beside it, as the
 * original kept them) before serving, and logs the summary.
 */
public final class FirstStartImport {
    private static final System.Logger LOG = System.getLogger(FirstStartImport.class.getName());

    private FirstStartImport() {
    }

    /** True when {@code dataDir} holds an original {@code manga.db} and no database of ours: ask before opening ours. */
    public static boolean wanted(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(OriginalImport.ORIGINAL_DATABASE))
               && !Files.exists(dataDir.resolve(Database.FILE_NAME));
    }

    /**
     * Imports the original's data into {@code database}. A refusal or a failure is logged and the server starts
     * anyway, empty: the original's files are untouched, and {@code bin/import-jamra} can import them later.
     */
    public static void run(Path dataDir, Path downloadsDir, Database database) {
        Path source = dataDir.resolve(OriginalImport.ORIGINAL_DATABASE);
        LOG.log(Level.INFO, "First start on a data folder of the original JAMRA server: importing " + source);
        try {
            ImportReport report = new OriginalImport(source, OriginalImport.defaultDownloads(source), dataDir,
                    downloadsDir).into(database);
            LOG.log(report.anyFailed() ? Level.WARNING : Level.INFO, report.format());
        } catch (ImportRefusedException e) {
            LOG.log(Level.WARNING, "Did not import " + source + ", the server starts without it: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Could not import " + source + ", nothing of it was imported; the server starts "
                                 + "without it. Import it later with bin/import-jamra: " + e.getMessage(), e);
        }
    }
}
