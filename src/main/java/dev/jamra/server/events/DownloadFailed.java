package dev.jamra.server.events;

import java.util.Objects;

/** The download stopped for good; {@code error} says why, for a person. */
public record DownloadFailed(String downloadId, String chapterId, String error, long timestamp)
        implements DownloadEvent {

    public DownloadFailed {
        FieldChecks.nonEmpty(downloadId, "downloadId");
        FieldChecks.nonEmpty(chapterId, "chapterId");
        Objects.requireNonNull(error, "error");
    }

    @Override
    public String name() {
        return EventNames.DOWNLOAD_FAILED;
    }
}
