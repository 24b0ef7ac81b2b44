package dev.jamra.server.downloads;

import java.time.Clock;

import dev.jamra.server.events.DownloadCancelled;
import dev.jamra.server.events.DownloadChapterComplete;
import dev.jamra.server.events.DownloadFailed;
import dev.jamra.server.events.DownloadPageComplete;
import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.events.DownloadStarted;
import dev.jamra.server.events.EventPublisher;

/** The {@code download:*} events, each stamped with the clock; callers publish each after the write it reports. */
final class DownloadEvents {
    private final EventPublisher publisher;
    private final Clock clock;

    DownloadEvents(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    void started(Download download) {
        publisher.publish(new DownloadStarted(download.id(), download.mangaId(), download.chapterId(),
                clock.millis()));
    }

    /** The progress after page {@code number} of {@code total}, not yet published: its percentage is stored first. */
    DownloadProgress progress(Download download, int number, int total) {
        return DownloadProgress.of(download.id(), download.chapterId(), number, total, clock.millis());
    }

    /** A page is stored: its progress, then {@code download:page:complete}. */
    void pageStored(DownloadProgress progress) {
        publisher.publish(progress);
        publisher.publish(new DownloadPageComplete(progress.downloadId(), progress.chapterId(),
                progress.currentPage(), clock.millis()));
    }

    void completed(Download download, int totalPages) {
        publisher.publish(new DownloadChapterComplete(download.id(), download.chapterId(), totalPages,
                clock.millis()));
    }

    void failed(Download download, String error) {
        publisher.publish(new DownloadFailed(download.id(), download.chapterId(), error, clock.millis()));
    }

    void cancelled(String downloadId, String chapterId) {
        publisher.publish(new DownloadCancelled(downloadId, chapterId, clock.millis()));
    }
}
