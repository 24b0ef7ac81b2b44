package dev.jamra.server.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.Sql;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Row by row, what the planner carries, skips and refuses, and the reasons it gives. */
class ImportPlannerTest {
    private static final String DATE = "2025-01-09T18:10:00.000Z";
    private static final OriginalData.NotCarried NOTHING = new OriginalData.NotCarried(List.of(), List.of(), 0, 0);

    private final Path downloads = TestConfig.newDataDir();
    /** The original's own downloads folder, beside its database, when {@code downloads} was given instead. */
    private final Path originalDownloads = TestConfig.newDataDir().resolve("downloads");

    @Test
    void libraryItemsKeepTheirFieldsAndBadOnesFailWithTheReason() throws SQLException {
        ImportPlan plan = plan(data(List.of(
                item("ok", "m1", "reading", 1, DATE),
                item("fav2", "m2", "completed", 2, DATE),
                item("bad-status", "m3", "finished", 0, DATE),
                item("bad-date", "m4", "reading", 0, "yesterday")), List.of(), List.of(), List.of()));

        assertEquals(List.of("ok", "fav2"), plan.library().stream().map(ImportPlan.LibraryItem::id).toList());
        ImportPlan.LibraryItem ok = plan.library().getFirst();
        assertEquals(new ImportPlan.LibraryItem("ok", "m1", "ext", "Title ok", "cover-ok", "reading", true,
                Instant.parse(DATE), Instant.parse("2025-02-01T00:00:00.000Z")), ok);
        assertFalse(plan.library().get(1).favorite(), "the original reads favorite as = 1");
        ImportReport report = report(plan);
        assertEquals(new ImportReport.Counts(2, 0, 2), report.counts(ImportKind.LIBRARY_ITEMS));
        assertThat(reason(report, "bad-status"), containsString("\"finished\", not one of reading"));
        assertThat(reason(report, "bad-date"), containsString("not ISO-8601"));
    }

    @Test
    void progressOutsideOurRulesFailsAndFollowsItsItem() throws SQLException {
        ImportPlan plan = plan(data(List.of(item("lib", "m1", "reading", 0, DATE),
                        item("lost", "m2", "reading", 0, "never")),
                List.of(progress("ok", "lib", "c1", 3, 10L), progress("open", "lib", "c2", 0, null),
                        progress("past", "lib", "c3", 11, 10L), progress("zero", "lib", "c4", 0, 0L),
                        progress("negative", "lib", "c5", -1, null), progress("orphan", "lost", "c1", 1, 2L),
                        progress("bad-date", "lib", "c6", 1, 2L, "soon"), progress("full", "lib", "c7", 5, 5L)),
                List.of(), List.of()));

        assertEquals(List.of("ok", "open", "full"), plan.progress().stream().map(ImportPlan.Progress::id).toList());
        assertEquals(new ImportPlan.Progress("ok", "lib", "c1", "n-c1", 3, 10, Instant.parse(DATE), false),
                plan.progress().getFirst());
        assertEquals(null, plan.progress().get(1).totalPages());
        assertTrue(plan.progress().get(2).completed());
        ImportReport report = report(plan);
        assertEquals(new ImportReport.Counts(3, 0, 5), report.counts(ImportKind.READING_PROGRESS));
        assertThat(reason(report, "past"), containsString("page number 11 is past its page count 10"));
        assertThat(reason(report, "zero"), containsString("page count 0 is out of range"));
        assertThat(reason(report, "negative"), containsString("page number -1 is out of range"));
        assertThat(reason(report, "orphan"), containsString("library item lost is not carried: it was not imported"));
        assertThat(reason(report, "bad-date"), containsString("\"soon\" is not ISO-8601"));
    }

    @Test
    void settingsKeepTheirJsonTextAndBadOnesFail() throws SQLException {
        ImportPlan plan = plan(data(List.of(), List.of(), List.of(
                new OriginalData.Setting("spaced", "app", "{ \"a\" : [1, 2.50] }", 1736446200123L),
                new OriginalData.Setting("broken", "app", "{\"a\":", 1L),
                new OriginalData.Setting("two", "app", "1 2", 1L),
                new OriginalData.Setting("a/b", "app", "1", 1L),
                new OriginalData.Setting("scopeless", " ", "1", 1L),
                new OriginalData.Setting("timeless", "app", "1", null)), List.of()));

        assertEquals(List.of(new ImportPlan.Setting("spaced", "app", "{ \"a\" : [1, 2.50] }",
                Instant.parse("2025-01-09T18:10:00.123Z"))), plan.settings());
        ImportReport report = report(plan);
        assertEquals(new ImportReport.Counts(1, 0, 5), report.counts(ImportKind.SETTINGS));
        assertThat(reason(report, "broken"), containsString("not one JSON value"));
        assertThat(reason(report, "two"), containsString("not one JSON value"));
        assertThat(reason(report, "a/b"), containsString("contains '/'"));
        assertThat(reason(report, "scopeless"), containsString("no scope"));
        assertThat(reason(report, "timeless"), containsString("no update time"));
    }

    @Test
    void aDownloadWithSoundFilesKeepsItsPagesNamedByTheirBytes() throws Exception {
        byte[] png = OriginalFixture.image("png", "1");
        Path named = write("dl/page_001.jpg", png);
        Path elsewhere = Files.write(Files.createDirectories(originalDownloads.resolve("dl")).resolve("page_002.png"),
                OriginalFixture.image("png", "2"));
        ImportPlan plan = plan(data(List.of(item("lib", "m1", "reading", 0, DATE)), List.of(), List.of(),
                List.of(download("dl", "queued", null, List.of(page("dl", 1, named, (long) png.length),
                        page("dl", 2, elsewhere, null))))));

        ImportPlan.Download download = plan.downloads().getFirst();
        assertEquals("queued", download.status());
        assertEquals("m1", download.mangaId(), "the manga id comes from the library item");
        assertEquals(List.of("page_001.png", "page_002.png"),
                download.pages().stream().map(ImportPlan.Page::fileName).toList());
        assertEquals(elsewhere, download.pages().get(1).source().file(),
                "found at the recorded absolute path, in the original's own downloads folder");
        assertEquals(new ImportReport.Counts(2, 0, 0), report(plan).counts(ImportKind.DOWNLOADED_PAGES));
        assertFalse(report(plan).anyFailed());
    }

    @Test
    void aDownloadWithDamagedFilesComesAsFailedWithEveryReason() throws Exception {
        Path sound = write("dl/page_001.png", OriginalFixture.image("png", "1"));
        Path text = write("dl/page_002.png", "not an image at all".getBytes());
        Path empty = write("dl/page_003.png", new byte[0]);
        Path resized = write("dl/page_004.png", OriginalFixture.image("png", "4"));
        ImportPlan plan = plan(data(List.of(item("lib", "m1", "reading", 0, DATE)), List.of(), List.of(),
                List.of(download("dl", "completed", 6L, List.of(page("dl", 1, sound, null), page("dl", 2, text, null),
                        page("dl", 3, empty, null), page("dl", 4, resized, 5L),
                        page("dl", 5, downloads.resolve("dl/page_005.png"), null))))));

        ImportPlan.Download download = plan.downloads().getFirst();
        assertEquals("failed", download.status());
        assertEquals(0, download.progress());
        assertEquals(null, download.completedAt());
        assertEquals(List.of(), download.pages());
        assertThat(download.error(), containsString("5 damaged page(s)"));
        assertThat(download.error(), containsString("page 2: its file " + text + " is not a png"));
        assertThat(download.error(), containsString("page 3: its file " + empty + " is empty"));
        assertThat(download.error(), containsString("has " + Files.size(resized) + " bytes, the original recorded 5"));
        assertThat(download.error(), containsString("page 5: its file is missing"));
        assertThat(download.error(), containsString("page 6: the original never recorded it"));
        assertThat(download.error(), containsString("Queue it again"));
        ImportReport report = report(plan);
        assertEquals(new ImportReport.Counts(0, 0, 1), report.counts(ImportKind.DOWNLOADS));
        assertEquals(new ImportReport.Counts(0, 1, 4), report.counts(ImportKind.DOWNLOADED_PAGES));
    }

    @Test
    void downloadsOurSchemaCannotHoldFailAndASecondOfAChapterIsSkipped() throws SQLException {
        ImportPlan plan = plan(data(List.of(item("lib", "m1", "reading", 0, DATE)), List.of(), List.of(),
                List.of(download("first-failed", "failed", null, List.of()),
                        download("done", "completed", 0L, List.of(), "c1"),
                        download("../escape", "queued", null, List.of(), "c2"),
                        download("odd", "paused", null, List.of(), "c3"),
                        new OriginalData.Download("over", "lib", "c4", null, "ext", "queued", 101, null, null, DATE,
                                null, null, List.of()),
                        new OriginalData.Download("orphan", "nobody", "c5", null, "ext", "queued", 0, null, null,
                                DATE, null, null, List.of()))));

        assertEquals(List.of("done"), plan.downloads().stream().map(ImportPlan.Download::id).toList());
        assertThat(plan.downloads().getFirst().error(), containsString("completed but has no pages"));
        ImportReport report = report(plan);
        assertEquals(new ImportReport.Counts(0, 1, 5), report.counts(ImportKind.DOWNLOADS));
        assertThat(reason(report, "../escape"), containsString("cannot name a folder"));
        assertThat(reason(report, "odd"), containsString("\"paused\" is not one of"));
        assertThat(reason(report, "over"), containsString("progress 101 is not a percentage"));
        assertThat(reason(report, "orphan"), containsString("the original has no such item"));
    }

    @Test
    void pagesFollowTheirDownload() throws Exception {
        Path file = write("kept/page_001.png", OriginalFixture.image("png", "1"));
        OriginalData.Page page = page("x", 1, file, null);
        ImportPlan plan = plan(data(List.of(item("lib", "m1", "reading", 0, DATE)), List.of(), List.of(),
                List.of(download("kept", "completed", 1L, List.of(page("kept", 1, file, null)), "c1"),
                        download("twin", "queued", null, List.of(page, page), "c1"),
                        download("gave-up", "cancelled", 3L, List.of(page, page, page), "c2"),
                        new OriginalData.Download("orphan", "nobody", "c3", null, "ext", "queued", 0, null, null,
                                DATE, null, null, List.of(page, page, page, page)))));

        assertEquals(List.of("kept", "gave-up"), plan.downloads().stream().map(ImportPlan.Download::id).toList());
        assertEquals(List.of(), plan.downloads().get(1).pages(), "a cancelled download keeps no pages here");
        assertEquals("cancelled", plan.downloads().get(1).status());
        ImportReport report = report(plan);
        assertEquals(new ImportReport.Counts(2, 1, 1), report.counts(ImportKind.DOWNLOADS));
        assertEquals(new ImportReport.Counts(1, 5, 4), report.counts(ImportKind.DOWNLOADED_PAGES));
        assertThat(reason(report, "x-1"), containsString("its download orphan was not imported"));
    }

    @Test
    void aMissingPageSaysWhereItWasLookedFor() throws SQLException {
        Path recorded = downloads.resolve("dl").resolve("page_001.png");
        Path elsewhere = Path.of("/somewhere/dl/page_002.png");
        OriginalData.Page nameless = new OriginalData.Page("dl-3", "dl", 3, "https://p/3", "/pages/dl/", null, DATE);
        ImportPlan plan = plan(data(List.of(item("lib", "m1", "reading", 0, DATE)), List.of(), List.of(),
                List.of(download("dl", "completed", 3L, List.of(page("dl", 1, recorded, null),
                        page("dl", 2, elsewhere, null), nameless)))));

        String error = plan.downloads().getFirst().error();
        assertThat(error, containsString("page 1: its file is missing (looked for " + recorded + ");"));
        Path expected = downloads.resolve("dl").resolve("page_002.png");
        assertThat(error, containsString("page 2: its file is missing (looked for " + expected + " and " + elsewhere
                                         + ")"));
        assertThat(error, containsString("page 3: its recorded file path \"/pages/dl/\" names no file"));
    }

    @Test
    void aRecordedPathOutsideTheDownloadsFoldersGivenIsNeverRead() throws Exception {
        Path outside = TestConfig.newDataDir();
        Path stray = Files.write(Files.createDirectories(outside.resolve("dl")).resolve("page_001.png"),
                OriginalFixture.image("png", "1"));
        Path nested = write("deeper/dl/page_002.png", OriginalFixture.image("png", "2"));
        Path link = Files.createDirectories(originalDownloads).resolve("dl");
        Files.createSymbolicLink(link, outside.resolve("dl"));
        ImportPlan plan = plan(data(List.of(item("lib", "m1", "reading", 0, DATE)), List.of(), List.of(),
                List.of(download("dl", "completed", 3L, List.of(page("dl", 1, stray, null),
                        page("dl", 2, nested, null), page("dl", 3, link.resolve("page_001.png"), null))))));

        ImportPlan.Download download = plan.downloads().getFirst();
        assertEquals("failed", download.status(), "no page is taken from outside: " + download.error());
        assertThat(download.error(), containsString("page 1: its file is missing"));
        assertThat(download.error(), containsString("page 2: its file is missing"));
        assertThat(download.error(), containsString("page 3: its file is missing"));
        assertEquals(new ImportReport.Counts(0, 0, 3), report(plan).counts(ImportKind.DOWNLOADED_PAGES));
    }

    @Test
    void rowsAlreadyInOurDatabaseAreSkippedAndRowsOfADifferentItemOfTheSameMangaFail() throws Exception {
        Path dataDir = TestConfig.newDataDir();
        try (Database database = Database.open(dataDir)) {
            database.write(c -> {
                Sql.update(c, "INSERT INTO library_items (id, manga_id, extension_id, title, title_key, status, "
                               + "date_added, last_updated) VALUES ('mine', 'm2', 'ext', 'T', 't', 'reading', ?, ?)",
                        DATE, DATE);
                Sql.update(c, "INSERT INTO library_items (id, manga_id, extension_id, title, title_key, status, "
                               + "date_added, last_updated) VALUES ('lib', 'm1', 'ext', 'T', 't', 'reading', ?, ?)",
                        DATE, DATE);
                Sql.update(c, "INSERT INTO settings (key, scope, value, updated_at) VALUES ('k', 'app', '1', ?)",
                        DATE);
                Sql.update(c, "INSERT INTO reading_progress (id, library_id, chapter_id, page_number, last_read, "
                               + "read_order) VALUES ('other-id', 'lib', 'c1', 1, ?, 1)", DATE);
                return null;
            });
            OriginalData data = data(List.of(item("lib", "m1", "reading", 0, DATE), item("theirs", "m2", "reading", 0,
                            DATE)),
                    List.of(progress("p1", "lib", "c1", 2, null), progress("p2", "theirs", "c1", 2, null)),
                    List.of(new OriginalData.Setting("k", "app", "2", 1L)), List.of());
            ImportPlan plan = database.read(c -> ImportPlanner.plan(data, TargetDatabase.of(c),
                    new OriginalPageFiles(downloads, originalDownloads)));

            assertEquals(List.of(), plan.library());
            assertEquals(List.of(), plan.progress());
            assertEquals(List.of(), plan.settings());
            ImportReport report = report(plan);
            assertEquals(new ImportReport.Counts(0, 2, 0), report.counts(ImportKind.LIBRARY_ITEMS));
            assertEquals(new ImportReport.Counts(0, 1, 1), report.counts(ImportKind.READING_PROGRESS));
            assertEquals(new ImportReport.Counts(0, 1, 0), report.counts(ImportKind.SETTINGS));
            assertThat(reason(report, "p2"), containsString("already in the library as mine"));
        }
    }

    @Test
    void pageFileNamesAreTakenFromPathsOfAnySystem() {
        assertEquals(Optional.of("page_001.jpg"), OriginalPageFiles.fileName("C:\\Users\\me\\dl\\page_001.jpg"));
        assertEquals(Optional.of("page_002.png"), OriginalPageFiles.fileName("/home/me/dl/page_002.png"));
        assertEquals(Optional.of("page_003.png"), OriginalPageFiles.fileName("page_003.png"));
        assertEquals(Optional.empty(), OriginalPageFiles.fileName("/home/me/dl/"));
        assertEquals(Optional.empty(), OriginalPageFiles.fileName("/home/me/.."));
        assertEquals(Optional.empty(), OriginalPageFiles.fileName("C:"));
        assertEquals(Optional.empty(), OriginalPageFiles.fileName(null));
    }

    private ImportPlan plan(OriginalData data) throws SQLException {
        return ImportPlanner.plan(data, TargetDatabase.empty(), new OriginalPageFiles(downloads, originalDownloads));
    }

    private ImportReport report(ImportPlan plan) {
        return plan.report().build(Path.of("manga.db"), downloads, Path.of("data"), false, NOTHING);
    }

    private static String reason(ImportReport report, String idPrefix) {
        return report.failures().stream().filter(failure -> failure.id().startsWith(idPrefix + " ")
                                                             || failure.id().equals(idPrefix))
                .map(ImportReport.Failure::reason).findFirst().orElse("no failure of " + idPrefix);
    }

    private Path write(String relative, byte[] bytes) throws IOException {
        Path file = downloads.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static OriginalData data(List<OriginalData.LibraryItem> library, List<OriginalData.Progress> progress,
                                     List<OriginalData.Setting> settings, List<OriginalData.Download> downloads) {
        return new OriginalData(library, progress, settings, downloads, NOTHING);
    }

    private static OriginalData.LibraryItem item(String id, String mangaId, String status, long favorite,
                                                 String dateAdded) {
        return new OriginalData.LibraryItem(id, mangaId, "ext", "Title " + id, "cover-" + id, status, favorite,
                dateAdded, "2025-02-01T00:00:00.000Z");
    }

    private static OriginalData.Progress progress(String id, String libraryId, String chapterId, long page,
                                                  Long total) {
        return progress(id, libraryId, chapterId, page, total, DATE);
    }

    private static OriginalData.Progress progress(String id, String libraryId, String chapterId, long page,
                                                  Long total, String lastRead) {
        return new OriginalData.Progress(id, libraryId, chapterId, "n-" + chapterId, page, total, lastRead,
                total != null && page == total ? 1 : 0);
    }

    private static OriginalData.Download download(String id, String status, Long total,
                                                  List<OriginalData.Page> pages) {
        return download(id, status, total, pages, "c1");
    }

    private static OriginalData.Download download(String id, String status, Long total,
                                                  List<OriginalData.Page> pages, String chapterId) {
        return new OriginalData.Download(id, "lib", chapterId, "1", "ext", status,
                status.equals("completed") ? 100 : 0, total, null, DATE, DATE,
                status.equals("completed") ? DATE : null, pages);
    }

    private static OriginalData.Page page(String downloadId, int number, Path file, Long size) {
        return new OriginalData.Page(downloadId + "-" + number, downloadId, number, "https://p/" + number,
                file.toString(), size, DATE);
    }
}
