package dev.jamra.server.events;

/**
 * Progress of one chapter download; delivered to connections that subscribed to its id, or to none.
 */
public sealed interface DownloadEvent extends BroadcastEvent
        permits DownloadStarted, DownloadProgress, DownloadPageComplete, DownloadChapterComplete, DownloadFailed,
                DownloadCancelled {

    String downloadId();

    String chapterId();

    /** Epoch milliseconds at which the change happened. */
    long timestamp();
}
