package dev.jamra.server.importer;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.jamra.server.config.ServerConfig;
import dev.jamra.server.storage.DataFolder;
import dev.jamra.server.storage.DataFolderLock;

/**
 * {@code bin/import-jamra}: imports an original JAMRA server's data into the data folder the server would use,
 * with the server's own configuration (system properties, {@code DATA_DIR}, {@code JAMRA_CONFIG}...). Prints the
 * summary; the exit status is 0 only when nothing failed.
 */
public final class ImportCommand {
    static final int OK = 0;
    static final int ROWS_FAILED = 1;
    static final int REFUSED = 2;
    static final int ABORTED = 3;

    private ImportCommand() {
    }

    public static void main(String[] args) {
        // the summary is the output; the server's start-up chatter (migrations...) is not
        Logger.getLogger("").setLevel(Level.WARNING);
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    /** Runs the command with {@code env} as the environment; returns its exit status. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        ImportArguments arguments;
        try {
            arguments = ImportArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(ImportArguments.USAGE);
            return REFUSED;
        }
        if (arguments.help()) {
            out.println(ImportArguments.USAGE);
            return OK;
        }
        DataFolder dataFolder = new DataFolder(ServerConfig.dataFolder(env));
        OriginalImport job = new OriginalImport(arguments.source(),
                arguments.downloads().orElseGet(() -> OriginalImport.defaultDownloads(arguments.source())),
                dataFolder.root(), dataFolder.downloads());
        try {
            ImportReport report = arguments.dryRun() ? job.dryRun() : job.intoDataFolder();
            out.print(report.format());
            out.flush();
            return report.anyFailed() ? ROWS_FAILED : OK;
        } catch (ImportRefusedException | DataFolderLock.InUseException e) {
            err.println("Import refused, nothing was changed: " + e.getMessage());
            return REFUSED;
        } catch (RuntimeException e) {
            err.println("Import failed, nothing was changed: " + e.getMessage());
            return ABORTED;
        }
    }
}
