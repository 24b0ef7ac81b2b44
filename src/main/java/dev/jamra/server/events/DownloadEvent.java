package dev.jamra.server.events;

import java.util.Optional;

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

    /** Its download: its subscribers receive it, besides the connections without subscriptions. */
    @Override
    default Optional<String> topic() {
        return Optional.of(downloadId());
    }
}
