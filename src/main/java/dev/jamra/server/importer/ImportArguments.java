package dev.jamra.server.importer;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code bin/import-jamra}: {@code PATH_TO_MANGA_DB [--downloads DIR] [--dry-run]}.
 *
 * @param downloads where the original kept its page files; empty for {@code downloads} beside the database
 */
record ImportArguments(Path source, Optional<Path> downloads, boolean dryRun, boolean help) {

    static final String USAGE = """
            Usage: bin/import-jamra PATH_TO_MANGA_DB [--downloads DIR] [--dry-run]
              Imports the library, reading progress, settings and downloads of the original JAMRA server
              into the data folder bin/start uses (DATA_DIR, JAMRA_CONFIG...). The original is only read.
              --downloads DIR  the original's downloads folder (default: downloads beside manga.db)
              --dry-run        print what would be imported, and change nothing
            Exit status: 0 all carried, 1 some rows failed (listed), 2 refused, 3 aborted (nothing changed).""";

    /** @throws IllegalArgumentException saying what is wrong with {@code args} */
    static ImportArguments parse(List<String> args) {
        Path source = null;
        Path downloads = null;
        boolean dryRun = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-h", "--help" -> {
                    return new ImportArguments(null, Optional.empty(), false, true);
                }
                case "--dry-run" -> dryRun = true;
                case "--downloads" -> {
                    if (i + 1 >= args.size() || downloads != null) {
                        throw new IllegalArgumentException("--downloads needs one folder");
                    }
                    downloads = path(args.get(++i));
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("Unknown option " + arg);
                    }
                    if (source != null) {
                        throw new IllegalArgumentException("Only one database can be imported at a time");
                    }
                    source = path(arg);
                }
            }
        }
        if (source == null) {
            throw new IllegalArgumentException("Name the original's manga.db");
        }
        return new ImportArguments(source, Optional.ofNullable(downloads), dryRun, false);
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("Not a path: " + text);
        }
    }
}
