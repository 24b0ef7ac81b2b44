package dev.jamra.server.events;

/** A queued chapter began downloading. */
public record DownloadStarted(String downloadId, String mangaId, String chapterId, long timestamp)
        implements DownloadEvent {

    public DownloadStarted {
        FieldChecks.nonEmpty(downloadId, "downloadId");
        FieldChecks.nonEmpty(mangaId, "mangaId");
        FieldChecks.nonEmpty(chapterId, "chapterId");
    }

    @Override
    public String name() {
        return EventNames.DOWNLOAD_STARTED;
    }
}
