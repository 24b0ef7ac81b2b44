package dev.jamra.server.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did, or would do in a dry run: per kind how many rows were imported, skipped (already there) and
 * failed, each failure with its reason, and what the original had that is not carried.
 *
 * @param source    the original's {@code manga.db}
 * @param downloads the original's downloads folder
 * @param dataDir   our data folder
 */
public record ImportReport(Path source, Path downloads, Path dataDir, boolean dryRun, Map<ImportKind, Counts> counts,
                           List<Failure> failures, OriginalData.NotCarried notCarried) {

    public ImportReport {
        counts = Map.copyOf(counts);
        failures = List.copyOf(failures);
    }

    /** Rows of one kind by outcome. */
    public record Counts(int imported, int skipped, int failed) {
    }

    /** A row that could not be carried (or, for a download, was carried as failed), and why. */
    public record Failure(ImportKind kind, String id, String reason) {
    }

    public Counts counts(ImportKind kind) {
        return counts.getOrDefault(kind, new Counts(0, 0, 0));
    }

    /** True when any row failed: the exit status of the command is then not 0. */
    public boolean anyFailed() {
        return !failures.isEmpty();
    }

    /** The summary a person reads. */
    public String format() {
        StringBuilder text = new StringBuilder();
        text.append(dryRun ? "Dry run, nothing was changed. Importing " : "Imported ")
                .append(source).append(" (page files from ").append(downloads).append(") into ").append(dataDir)
                .append(dryRun ? " would give:" : ":").append('\n');
        text.append(String.format("  %-18s %8s %8s %8s%n", "", "imported", "skipped", "failed"));
        for (ImportKind kind : ImportKind.values()) {
            Counts c = counts(kind);
            text.append(String.format("  %-18s %8d %8d %8d%n", kind.label(), c.imported(), c.skipped(), c.failed()));
        }
        if (!failures.isEmpty()) {
            text.append("Failed:\n");
            for (Failure failure : failures) {
                text.append("  ").append(singular(failure.kind())).append(' ').append(failure.id()).append(": ")
                        .append(failure.reason()).append('\n');
            }
        }
        text.append("Not carried (sources here are Java plug-ins, listed at /api/extensions):\n");
        text.append("  ").append(notCarried.extensions().size()).append(" extension(s)")
                .append(list(notCarried.extensions())).append('\n');
        text.append("  ").append(notCarried.catalogRepositories().size()).append(" catalog repositories")
                .append(list(notCarried.catalogRepositories())).append(", with ").append(notCarried.catalogEntries())
                .append(" catalog entries\n");
        text.append("  ").append(notCarried.extensionInstalls()).append(" extension install records\n");
        return text.toString();
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "" : ": " + String.join(", ", names);
    }

    private static String singular(ImportKind kind) {
        return switch (kind) {
            case LIBRARY_ITEMS -> "library item";
            case READING_PROGRESS -> "reading progress";
            case SETTINGS -> "setting";
            case DOWNLOADS -> "download";
            case DOWNLOADED_PAGES -> "downloaded page";
        };
    }

    /** Collects outcomes while an import is planned. */
    static final class Builder {
        private final Map<ImportKind, int[]> counts = new EnumMap<>(ImportKind.class);
        private final List<Failure> failures = new ArrayList<>();

        void imported(ImportKind kind) {
            bump(kind, 0);
        }

        void skipped(ImportKind kind) {
            bump(kind, 1);
        }

        void failed(ImportKind kind, String id, String reason) {
            bump(kind, 2);
            failures.add(new Failure(kind, id, reason));
        }

        private void bump(ImportKind kind, int outcome) {
            counts.computeIfAbsent(kind, k -> new int[3])[outcome]++;
        }

        ImportReport build(Path source, Path downloads, Path dataDir, boolean dryRun,
                           OriginalData.NotCarried notCarried) {
            Map<ImportKind, Counts> result = new EnumMap<>(ImportKind.class);
            counts.forEach((kind, c) -> result.put(kind, new Counts(c[0], c[1], c[2])));
            return new ImportReport(source, downloads, dataDir, dryRun, result, failures, notCarried);
        }
    }
}
