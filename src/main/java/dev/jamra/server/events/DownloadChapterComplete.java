package dev.jamra.server.events;

/** Every page of the chapter is on disk. */
public record DownloadChapterComplete(String downloadId, String chapterId, int totalPages, long timestamp)
        implements DownloadEvent {

    public DownloadChapterComplete {
        Require.id(downloadId, "downloadId");
        Require.id(chapterId, "chapterId");
        Require.atLeast(totalPages, 0, "totalPages");
    }

    @Override
    public String name() {
        return EventNames.DOWNLOAD_CHAPTER_COMPLETE;
    }
}
