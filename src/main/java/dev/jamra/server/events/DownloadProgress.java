package dev.jamra.server.events;

import java.util.Optional;

/** A page of the chapter is stored; {@code percentage} is the share of pages done, 0 to 100. */
public record DownloadProgress(String downloadId, String chapterId, int currentPage, int totalPages, int percentage,
                               long timestamp) implements DownloadEvent {

    public DownloadProgress {
        FieldChecks.nonEmpty(downloadId, "downloadId");
        FieldChecks.nonEmpty(chapterId, "chapterId");
        FieldChecks.atLeast(currentPage, 0, "currentPage");
        FieldChecks.atLeast(totalPages, currentPage, "totalPages");
        if (percentage < 0 || percentage > 100) {
            throw new IllegalArgumentException("percentage must be 0..100, was " + percentage);
        }
    }

    /** Progress after {@code currentPage} of {@code totalPages}, the percentage rounded down. */
    public static DownloadProgress of(String downloadId, String chapterId, int currentPage, int totalPages,
                                      long timestamp) {
        int percentage = totalPages == 0 ? 100 : (int) (100L * currentPage / totalPages);
        return new DownloadProgress(downloadId, chapterId, currentPage, totalPages, percentage, timestamp);
    }

    @Override
    public String name() {
        return EventNames.DOWNLOAD_PROGRESS;
    }

    /** A download's newer progress replaces its older one: per download. */
    @Override
    public Optional<CoalesceKey> coalesceKey() {
        return Optional.of(new CoalesceKey(EventNames.DOWNLOAD_PROGRESS, downloadId));
    }
}
