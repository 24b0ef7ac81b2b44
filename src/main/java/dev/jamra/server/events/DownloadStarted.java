package dev.jamra.server.events;

/** A queued chapter began downloading. */
public record DownloadStarted(String downloadId, String mangaId, String chapterId, long timestamp)
        implements DownloadEvent {

    public DownloadStarted {
        Require.id(downloadId, "downloadId");
        Require.id(mangaId, "mangaId");
        Require.id(chapterId, "chapterId");
    }

    @Override
    public String name() {
        return EventNames.DOWNLOAD_STARTED;
    }
}
