package dev.jamra.server.downloads;

import java.time.Instant;
import java.util.Objects;

/**
 * One chapter download as stored.
 *
 * @param chapterNumber optional, {@code null} when unknown
 * @param progress      percentage of pages stored, 0..100
 * @param totalPages    {@code null} until the source listed the pages
 * @param error         why it failed, {@code null} otherwise
 */
public record Download(String id,
                       String libraryId,
                       String mangaId,
                       String chapterId,
                       String chapterNumber,
                       String extensionId,
                       DownloadStatus status,
                       int progress,
                       Integer totalPages,
                       String error,
                       Instant createdAt,
                       Instant startedAt,
                       Instant completedAt) {

    public Download {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(libraryId, "libraryId");
        Objects.requireNonNull(mangaId, "mangaId");
        Objects.requireNonNull(chapterId, "chapterId");
        Objects.requireNonNull(extensionId, "extensionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
