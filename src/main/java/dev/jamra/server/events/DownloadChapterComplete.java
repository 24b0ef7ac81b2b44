package dev.jamra.server.events;

/** Every page of the chapter is on disk. */
public record DownloadChapterComplete(String downloadId, String chapterId, int totalPages, long timestamp)
        implements DownloadEvent {

    public DownloadChapterComplete {
        FieldChecks.nonEmpty(downloadId, "downloadId");
        FieldChecks.nonEmpty(chapterId, "chapterId");
        FieldChecks.atLeast(totalPages, 0, "totalPages");
    }

    @Override
    public String name() {
        return EventNames.DOWNLOAD_CHAPTER_COMPLETE;
    }
}
