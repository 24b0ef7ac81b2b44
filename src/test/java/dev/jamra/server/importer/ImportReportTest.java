package dev.jamra.server.importer;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary a person reads. */
class ImportReportTest {
    private static final Path SOURCE = Path.of("/old/manga.db");
    private static final Path PAGES = Path.of("/old/downloads");
    private static final Path DATA = Path.of("/data");

    @Test
    void aReportWithFailuresListsEachWithItsReason() {
        ImportReport.Builder builder = new ImportReport.Builder();
        builder.imported(ImportKind.LIBRARY_ITEMS);
        builder.imported(ImportKind.LIBRARY_ITEMS);
        builder.skipped(ImportKind.SETTINGS);
        builder.failed(ImportKind.DOWNLOADS, "dl-1", "page 2 is missing");
        builder.failed(ImportKind.READING_PROGRESS, "p-1", "its item is gone");
        builder.failed(ImportKind.DOWNLOADED_PAGES, "pg-1", "empty");
        builder.failed(ImportKind.SETTINGS, "k", "not JSON");
        builder.failed(ImportKind.LIBRARY_ITEMS, "l", "bad status");
        ImportReport report = builder.build(SOURCE, PAGES, DATA, false, new OriginalData.NotCarried(
                List.of("MangaDex (mangadex 1.2.0)", "Other (other 2.0.0, disabled)"),
                List.of("Local Catalog (/c.json)"), 7, 3));

        assertTrue(report.anyFailed());
        assertEquals("""
                Imported /old/manga.db (page files from /old/downloads) into /data:
                                     imported  skipped   failed
                  library items             2        0        1
                  reading progress          0        0        1
                  settings                  0        1        1
                  downloads                 0        0        1
                  downloaded pages          0        0        1
                Failed:
                  download dl-1: page 2 is missing
                  reading progress p-1: its item is gone
                  downloaded page pg-1: empty
                  setting k: not JSON
                  library item l: bad status
                Not carried (sources here are Java plug-ins, listed at /api/extensions):
                  2 extension(s): MangaDex (mangadex 1.2.0), Other (other 2.0.0, disabled)
                  1 catalog repositories: Local Catalog (/c.json), with 7 catalog entries
                  3 extension install records
                """, report.format());
    }

    @Test
    void aDryRunSaysNothingChangedAndAnEmptyOriginalHasNoLists() {
        ImportReport report = new ImportReport.Builder().build(SOURCE, PAGES, DATA, true,
                new OriginalData.NotCarried(List.of(), List.of(), 0, 0));

        assertFalse(report.anyFailed());
        assertEquals(new ImportReport.Counts(0, 0, 0), report.counts(ImportKind.DOWNLOADS));
        assertEquals("""
                Dry run, nothing was changed. Importing /old/manga.db (page files from /old/downloads) into /data \
                would give:
                                     imported  skipped   failed
                  library items             0        0        0
                  reading progress          0        0        0
                  settings                  0        0        0
                  downloads                 0        0        0
                  downloaded pages          0        0        0
                Not carried (sources here are Java plug-ins, listed at /api/extensions):
                  0 extension(s)
                  0 catalog repositories, with 0 catalog entries
                  0 extension install records
                """, report.format());
    }
}
