package dev.jamra.server.events;

import java.util.Objects;

/** The download stopped for good; {@code error} says why, for a person. */
public record DownloadFailed(String downloadId, String chapterId, String error, long timestamp)
        implements DownloadEvent {

    public DownloadFailed {
        Require.id(downloadId, "downloadId");
        Require.id(chapterId, "chapterId");
        Objects.requireNonNull(error, "error");
    }

    @Override
    public String name() {
        return EventNames.DOWNLOAD_FAILED;
    }
}
