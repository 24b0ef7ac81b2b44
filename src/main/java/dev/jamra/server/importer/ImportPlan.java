package dev.jamra.server.importer;

import java.time.Instant;
import java.util.List;

/**
 * The rows an import will add to our database, already checked and converted to our forms (ISO-8601 instants,
 * our statuses), and the page files to copy; plus the report of what it carries, skips and cannot carry.
 */
record ImportPlan(List<LibraryItem> library, List<Progress> progress, List<Setting> settings,
                  List<Download> downloads, ImportReport.Builder report) {

    ImportPlan {
        library = List.copyOf(library);
        progress = List.copyOf(progress);
        settings = List.copyOf(settings);
        downloads = List.copyOf(downloads);
    }

    record LibraryItem(String id, String mangaId, String extensionId, String title, String coverUrl, String status,
                       boolean favorite, Instant dateAdded, Instant lastUpdated) {
    }

    /** In the order they were read, per item, so that the last one is the item's last read chapter. */
    record Progress(String id, String libraryId, String chapterId, String chapterNumber, int pageNumber,
                    Integer totalPages, Instant lastRead, boolean completed) {
    }

    /** {@code valueJson} is the original's JSON text, unchanged. */
    record Setting(String key, String scope, String valueJson, Instant updatedAt) {
    }

    /** How a download enters our database. */
    enum Addition {
        /** As the original had it, with its pages. */
        NEW,
        /** As failed, without pages, for want of sound page files: a later import may repair it. */
        PLACEHOLDER,
        /** In place of such a placeholder of an earlier import, now that its pages are sound. */
        REPAIR
    }

    /** A download to add, or to repair, with the pages to copy. */
    record Download(String id, String libraryId, String mangaId, String chapterId, String chapterNumber,
                    String extensionId, String status, int progress, Integer totalPages, String error,
                    Instant createdAt, Instant startedAt, Instant completedAt, List<Page> pages, Addition addition) {

        Download {
            pages = List.copyOf(pages);
        }
    }

    /** A page to add, and the file to copy to {@code <downloads>/<download id>/<fileName>}. */
    record Page(String id, int pageNumber, String pageUrl, OriginalPageFiles.Found source, String fileName,
                Instant downloadedAt) {
    }
}
