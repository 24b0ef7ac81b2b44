package dev.jamra.server.events;

/** The download was cancelled and its files deleted. */
public record DownloadCancelled(String downloadId, String chapterId, long timestamp) implements DownloadEvent {

    public DownloadCancelled {
        FieldChecks.nonEmpty(downloadId, "downloadId");
        FieldChecks.nonEmpty(chapterId, "chapterId");
    }

    @Override
    public String name() {
        return EventNames.DOWNLOAD_CANCELLED;
    }
}
