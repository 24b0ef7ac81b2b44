package dev.jamra.server.importer;

import java.util.List;

/**
 * Everything read from the original server's {@code manga.db}, as stored there (its columns, its types), read in
 * one snapshot. Nothing is checked yet: {@link ImportPlanner} decides what can be carried.
 */
record OriginalData(List<LibraryItem> library,
                    List<Progress> progress,
                    List<Setting> settings,
                    List<Download> downloads,
                    NotCarried notCarried) {

    OriginalData {
        library = List.copyOf(library);
        progress = List.copyOf(progress);
        settings = List.copyOf(settings);
        downloads = List.copyOf(downloads);
    }

    /** A row of {@code library}; dates are the ISO-8601 text the original wrote. */
    record LibraryItem(String id, String mangaId, String extensionId, String title, String coverUrl, String status,
                       long favorite, String dateAdded, String lastUpdated) {
    }

    /** A row of {@code reading_progress}; {@code totalPages} may be {@code null}. */
    record Progress(String id, String libraryId, String chapterId, String chapterNumber, long pageNumber,
                    Long totalPages, String lastRead, long completed) {
    }

    /** A row of {@code settings}: {@code valueJson} is the JSON text as stored, {@code updatedAt} epoch millis. */
    record Setting(String key, String scope, String valueJson, Long updatedAt) {
    }

    /** A row of {@code downloads} with the rows of {@code downloaded_pages} that belong to it, by page number. */
    record Download(String id, String libraryId, String chapterId, String chapterNumber, String extensionId,
                    String status, long progress, Long totalPages, String error, String createdAt, String startedAt,
                    String completedAt, List<Page> pages) {

        Download {
            pages = List.copyOf(pages);
        }
    }

    /** A row of {@code downloaded_pages}: {@code filePath} is where the original wrote the file (absolute). */
    record Page(String id, String downloadId, long pageNumber, String pageUrl, String filePath, Long fileSize,
                String downloadedAt) {
    }

    /** What the original had that is not carried: its sources are Node.js extensions, ours Java plug-ins. */
    record NotCarried(List<String> extensions, List<String> catalogRepositories, int catalogEntries,
                      int extensionInstalls) {

        NotCarried {
            extensions = List.copyOf(extensions);
            catalogRepositories = List.copyOf(catalogRepositories);
        }
    }
}
