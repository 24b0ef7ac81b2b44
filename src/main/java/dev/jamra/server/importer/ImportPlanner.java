package dev.jamra.server.importer;

import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.jamra.server.downloads.DownloadStatus;
import dev.jamra.server.library.LibraryStatus;
import dev.jamra.server.web.StrictJson;

import jakarta.json.JsonException;

/**
 * Decides, row by row, what of the original's data an import adds: a row already in our database (same id, or
 * the same manga, chapter or key) is skipped and never overwritten; a row our schema cannot hold fails with the
 * reason; a download whose files are missing or damaged is added as {@code failed}, so a re-queue repairs it.
 * Only reads: the same plan serves a dry run and the import itself.
 */
final class ImportPlanner {
    /** Download ids name folders here ({@code DownloadFiles} takes the same). */
    private static final Pattern DOWNLOAD_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** When two downloads of the original share a chapter, the one kept here is the most useful. */
    private static final List<String> STATUS_PREFERENCE = List.of("completed", "downloading", "queued", "failed",
            "cancelled");
    /** How the error of a download added as failed for want of sound page files begins. */
    static final String DAMAGED = "Imported from the original server with ";

    private final TargetDatabase target;
    private final OriginalPageFiles pageFiles;
    private final ImportReport.Builder report = new ImportReport.Builder();
    /** Library ids present after the import (already there or added), with their manga ids. */
    private final Map<String, String> mangaIdByLibraryItem = new HashMap<>();
    /** Why a library item of the original is not here, for the rows that belong to it. */
    private final Map<String, String> missingLibraryItems = new HashMap<>();

    private ImportPlanner(TargetDatabase target, OriginalPageFiles pageFiles) {
        this.target = target;
        this.pageFiles = pageFiles;
    }

    static ImportPlan plan(OriginalData original, TargetDatabase target, OriginalPageFiles pageFiles)
            throws SQLException {
        return new ImportPlanner(target, pageFiles).plan(original);
    }

    private ImportPlan plan(OriginalData original) throws SQLException {
        List<ImportPlan.LibraryItem> library = new ArrayList<>();
        for (OriginalData.LibraryItem item : original.library()) {
            libraryItem(item).ifPresent(library::add);
        }
        List<ImportPlan.Progress> progress = new ArrayList<>();
        Set<String> progressChapters = new HashSet<>();
        for (OriginalData.Progress row : original.progress()) {
            progress(row, progressChapters).ifPresent(progress::add);
        }
        List<ImportPlan.Setting> settings = new ArrayList<>();
        for (OriginalData.Setting row : original.settings()) {
            setting(row).ifPresent(settings::add);
        }
        List<ImportPlan.Download> downloads = new ArrayList<>();
        Map<String, String> downloadChapters = new HashMap<>();
        for (OriginalData.Download row : preferred(original.downloads())) {
            download(row, downloadChapters).ifPresent(downloads::add);
        }
        return new ImportPlan(library, progress, settings, downloads, report);
    }

    private Optional<ImportPlan.LibraryItem> libraryItem(OriginalData.LibraryItem item) throws SQLException {
        ImportKind kind = ImportKind.LIBRARY_ITEMS;
        Optional<String> presentMangaId = target.mangaIdOf(item.id());  // manga_id is never null: present = exists
        if (presentMangaId.isPresent()) {
            report.skipped(kind);
            mangaIdByLibraryItem.put(item.id(), presentMangaId.get());
            return Optional.empty();
        }
        String what = "\"" + item.title() + "\"";
        Optional<String> sameManga = target.libraryItemOf(item.mangaId(), item.extensionId());
        if (sameManga.isPresent()) {
            report.skipped(kind);
            missingLibraryItems.put(item.id(), "the same manga is already in the library as " + sameManga.get());
            return Optional.empty();
        }
        String problem = null;
        if (blank(item.id()) || blank(item.mangaId()) || blank(item.extensionId()) || item.title() == null) {
            problem = what + " lacks an id, manga id, extension id or title";
        } else if (LibraryStatus.fromWire(item.status()).isEmpty()) {
            problem = what + " has the status " + quote(item.status()) + ", not one of reading, plan_to_read, "
                      + "completed, dropped, on_hold";
        }
        Instant added = problem == null ? instant(item.dateAdded()) : null;
        Instant updated = problem == null ? instant(item.lastUpdated()) : null;
        if (problem == null && (added == null || updated == null)) {
            problem = what + " has a date that is not ISO-8601 (" + item.dateAdded() + ", " + item.lastUpdated() + ")";
        }
        if (problem != null) {
            report.failed(kind, String.valueOf(item.id()), problem);
            missingLibraryItems.put(item.id(), "it was not imported");
            return Optional.empty();
        }
        report.imported(kind);
        mangaIdByLibraryItem.put(item.id(), item.mangaId());
        // the original reads favorite as "= 1"
        return Optional.of(new ImportPlan.LibraryItem(item.id(), item.mangaId(), item.extensionId(), item.title(),
                item.coverUrl(), item.status(), item.favorite() == 1, added, updated));
    }

    private Optional<ImportPlan.Progress> progress(OriginalData.Progress row, Set<String> chapters)
            throws SQLException {
        ImportKind kind = ImportKind.READING_PROGRESS;
        if (target.hasProgress(row.id()) || target.hasProgressFor(row.libraryId(), row.chapterId())) {
            report.skipped(kind);
            return Optional.empty();
        }
        String id = row.id() + " (library item " + row.libraryId() + ", chapter " + row.chapterId() + ")";
        Optional<String> noItem = missingItem(row.libraryId());
        if (noItem.isPresent()) {
            report.failed(kind, id, noItem.get());
            return Optional.empty();
        }
        Instant lastRead = instant(row.lastRead());
        String problem = null;
        if (blank(row.id()) || blank(row.chapterId())) {
            problem = "it lacks an id or a chapter id";
        } else if (row.pageNumber() < 0 || row.pageNumber() > Integer.MAX_VALUE) {
            problem = "its page number " + row.pageNumber() + " is out of range";
        } else if (row.totalPages() != null && (row.totalPages() < 1 || row.totalPages() > Integer.MAX_VALUE)) {
            problem = "its page count " + row.totalPages() + " is out of range";
        } else if (row.totalPages() != null && row.pageNumber() > row.totalPages()) {
            problem = "its page number " + row.pageNumber() + " is past its page count " + row.totalPages();
        } else if (lastRead == null) {
            problem = "its last read date " + quote(row.lastRead()) + " is not ISO-8601";
        } else if (!chapters.add(row.libraryId() + "\n" + row.chapterId())) {
            problem = "another progress row of the same chapter was imported";
        }
        if (problem != null) {
            report.failed(kind, id, problem);
            return Optional.empty();
        }
        report.imported(kind);
        return Optional.of(new ImportPlan.Progress(row.id(), row.libraryId(), row.chapterId(), row.chapterNumber(),
                (int) row.pageNumber(), row.totalPages() == null ? null : row.totalPages().intValue(), lastRead,
                row.completed() == 1));
    }

    private Optional<ImportPlan.Setting> setting(OriginalData.Setting row) throws SQLException {
        ImportKind kind = ImportKind.SETTINGS;
        if (row.key() != null && target.hasSetting(row.key())) {
            report.skipped(kind);
            return Optional.empty();
        }
        String problem = null;
        if (blank(row.key()) || row.key().contains("/")) {
            problem = "its key is empty or contains '/', which the settings API cannot name";
        } else if (blank(row.scope())) {
            problem = "it has no scope";
        } else if (row.updatedAt() == null) {
            problem = "it has no update time";
        } else if (row.valueJson() == null) {
            problem = "it has no value";
        } else {
            try {
                StrictJson.parse(row.valueJson());
            } catch (JsonException e) {
                problem = "its value is not one JSON value (" + e.getMessage() + ")";
            }
        }
        if (problem != null) {
            report.failed(kind, String.valueOf(row.key()), problem);
            return Optional.empty();
        }
        report.imported(kind);
        return Optional.of(new ImportPlan.Setting(row.key(), row.scope(), row.valueJson(),
                Instant.ofEpochMilli(row.updatedAt())));
    }

    private Optional<ImportPlan.Download> download(OriginalData.Download row, Map<String, String> chapters)
            throws SQLException {
        ImportKind kind = ImportKind.DOWNLOADS;
        String id = row.id() + " (library item " + row.libraryId() + ", chapter " + row.chapterId() + ")";
        boolean repair = row.id() != null && target.isRepairablePlaceholder(row.id());
        Optional<String> sameChapter = target.downloadOf(row.libraryId(), row.chapterId())
                .or(() -> Optional.ofNullable(chapters.get(row.libraryId() + "\n" + row.chapterId())));
        boolean kept = row.status() != null && !row.status().equals("failed") && !row.status().equals("cancelled");
        if (!(repair && kept) && (target.hasDownload(row.id()) || sameChapter.isPresent())) {
            report.skipped(kind);
            row.pages().forEach(page -> report.skipped(ImportKind.DOWNLOADED_PAGES));
            return Optional.empty();
        }
        String problem = downloadProblem(row);
        if (problem != null) {
            report.failed(kind, id, problem);
            row.pages().forEach(page -> report.failed(ImportKind.DOWNLOADED_PAGES, page.id(),
                    "its download " + row.id() + " was not imported"));
            return Optional.empty();
        }
        chapters.put(row.libraryId() + "\n" + row.chapterId(), row.id());
        ImportPlan.Download download = new ImportPlan.Download(row.id(), row.libraryId(),
                mangaIdByLibraryItem.get(row.libraryId()), row.chapterId(), row.chapterNumber(), row.extensionId(),
                row.status(), (int) row.progress(), row.totalPages() == null ? null : row.totalPages().intValue(),
                row.error(), instant(row.createdAt()), instant(row.startedAt()), instant(row.completedAt()), List.of(),
                repair ? ImportPlan.Addition.REPAIR : ImportPlan.Addition.NEW);
        if (!kept) {
            // here a failed or cancelled download keeps no pages; a re-queue fetches them all again
            report.imported(kind);
            row.pages().forEach(page -> report.skipped(ImportKind.DOWNLOADED_PAGES));
            return Optional.of(download);
        }
        List<ImportPlan.Page> pages = new ArrayList<>();
        List<String> damage = new ArrayList<>();
        for (OriginalData.Page page : row.pages()) {
            pageOf(page, damage).ifPresent(pages::add);
        }
        if (row.status().equals("completed")) {
            missingPageRows(row, damage);
        }
        if (damage.isEmpty()) {
            report.imported(kind);
            pages.forEach(page -> report.imported(ImportKind.DOWNLOADED_PAGES));
            return Optional.of(withPages(download, pages));
        }
        String reason = DAMAGED + damage.size() + " damaged page(s): " + String.join("; ", damage)
                        + ". Queue it again to download the chapter anew.";
        pages.forEach(page -> report.skipped(ImportKind.DOWNLOADED_PAGES));
        if (repair) {
            // still damaged: the placeholder stays as it is, and the download is still not carried
            report.failed(kind, id, "still failed: " + reason);
            return Optional.empty();
        }
        report.failed(kind, id, "imported as failed: " + reason);
        return Optional.of(new ImportPlan.Download(download.id(), download.libraryId(), download.mangaId(),
                download.chapterId(), download.chapterNumber(), download.extensionId(), "failed", 0,
                download.totalPages(), reason, download.createdAt(), download.startedAt(), null, List.of(),
                ImportPlan.Addition.PLACEHOLDER));
    }

    private String downloadProblem(OriginalData.Download row) {
        Optional<String> noItem = missingItem(row.libraryId());
        if (noItem.isPresent()) {
            return noItem.get();
        }
        if (row.id() == null || !DOWNLOAD_ID.matcher(row.id()).matches()) {
            return "its id cannot name a folder here (letters, digits, '-' and '_', at most 64)";
        }
        if (blank(row.chapterId()) || blank(row.extensionId())) {
            return "it lacks a chapter id or an extension id";
        }
        if (DownloadStatus.fromWire(row.status()).isEmpty()) {
            return "its status " + quote(row.status()) + " is not one of queued, downloading, completed, failed, "
                   + "cancelled";
        }
        if (row.progress() < 0 || row.progress() > 100) {
            return "its progress " + row.progress() + " is not a percentage";
        }
        if (row.totalPages() != null && (row.totalPages() < 0 || row.totalPages() > Integer.MAX_VALUE)) {
            return "its page count " + row.totalPages() + " is out of range";
        }
        if (instant(row.createdAt()) == null || (row.startedAt() != null && instant(row.startedAt()) == null)
            || (row.completedAt() != null && instant(row.completedAt()) == null)) {
            return "a date is not ISO-8601 (" + row.createdAt() + ", " + row.startedAt() + ", " + row.completedAt()
                   + ")";
        }
        return null;
    }

    private Optional<ImportPlan.Page> pageOf(OriginalData.Page page, List<String> damage) throws SQLException {
        String problem;
        Instant downloadedAt = instant(page.downloadedAt());
        if (page.pageNumber() < 1 || page.pageNumber() > 9999) {
            problem = "its page number is out of range";
        } else if (blank(page.id()) || target.hasPage(page.id())) {
            problem = "its id is missing or already used by another page";
        } else if (downloadedAt == null) {
            problem = "its date " + quote(page.downloadedAt()) + " is not ISO-8601";
        } else {
            switch (pageFiles.check(page)) {
                case OriginalPageFiles.Sound sound -> {
                    return Optional.of(new ImportPlan.Page(page.id(), (int) page.pageNumber(),
                            page.pageUrl() == null ? "" : page.pageUrl(), sound.file(),
                            String.format("page_%03d.%s", page.pageNumber(), sound.file().extension()), downloadedAt));
                }
                case OriginalPageFiles.Damaged damaged -> problem = damaged.reason();
            }
        }
        damage.add("page " + page.pageNumber() + ": " + problem);
        report.failed(ImportKind.DOWNLOADED_PAGES,
                page.id() + " (download " + page.downloadId() + ", page " + page.pageNumber() + ")", problem);
        return Optional.empty();
    }

    /** A completed download must have every page from 1 to its page count. */
    private static void missingPageRows(OriginalData.Download row, List<String> damage) {
        Set<Long> numbers = new HashSet<>();
        row.pages().forEach(page -> numbers.add(page.pageNumber()));
        long total = row.totalPages() != null ? row.totalPages() : numbers.size();
        if (total == 0) {
            damage.add("it is completed but has no pages");
        }
        for (long number = 1; number <= total && number <= 9999; number++) {
            if (!numbers.contains(number)) {
                damage.add("page " + number + ": the original never recorded it");
            }
        }
    }

    private static ImportPlan.Download withPages(ImportPlan.Download d, List<ImportPlan.Page> pages) {
        return new ImportPlan.Download(d.id(), d.libraryId(), d.mangaId(), d.chapterId(), d.chapterNumber(),
                d.extensionId(), d.status(), d.progress(), d.totalPages(), d.error(), d.createdAt(), d.startedAt(),
                d.completedAt(), pages, d.addition());
    }

    /** Why rows of this library item cannot be carried, when it is not in our library after the import. */
    private Optional<String> missingItem(String libraryId) {
        if (mangaIdByLibraryItem.containsKey(libraryId)) {
            return Optional.empty();
        }
        String why = missingLibraryItems.getOrDefault(libraryId, "the original has no such item");
        return Optional.of("its library item " + libraryId + " is not carried: " + why);
    }

    /** The original's downloads, those to keep first when two share a chapter, else in their stored order. */
    private static List<OriginalData.Download> preferred(List<OriginalData.Download> downloads) {
        List<OriginalData.Download> sorted = new ArrayList<>(downloads);
        sorted.sort(Comparator.comparingInt(download -> {
            int rank = STATUS_PREFERENCE.indexOf(download.status());
            return rank < 0 ? STATUS_PREFERENCE.size() : rank;
        }));
        return sorted;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** A value of the original's as a report shows it. */
    static String quote(String text) {
        return text == null ? "(none)" : "\"" + text + "\"";
    }
}
