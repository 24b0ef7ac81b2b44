package dev.jamra.server.events;

/** One page, numbered from 1, is on disk. */
public record DownloadPageComplete(String downloadId, String chapterId, int pageNumber, long timestamp)
        implements DownloadEvent {

    public DownloadPageComplete {
        FieldChecks.nonEmpty(downloadId, "downloadId");
        FieldChecks.nonEmpty(chapterId, "chapterId");
        FieldChecks.atLeast(pageNumber, 1, "pageNumber");
    }

    @Override
    public String name() {
        return EventNames.DOWNLOAD_PAGE_COMPLETE;
    }
}
