package dev.jamra.server.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.DownloadCancelled;
import dev.jamra.server.events.DownloadChapterComplete;
import dev.jamra.server.events.DownloadFailed;
import dev.jamra.server.events.DownloadPageComplete;
import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.events.DownloadStarted;
import dev.jamra.server.events.EventNames;
import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.events.LibraryItemAdded;
import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.events.LibraryItemUpdated;
import dev.jamra.server.events.LibraryChaptersNew;
import dev.jamra.server.events.LibraryProgressUpdated;
import dev.jamra.server.events.LibraryUpdateProgress;
import dev.jamra.server.events.MangaUpdated;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;

/**
 * Counts every broadcast by its event name before handing it on: {@code jamra_broadcasts_published{event=...}}.
 * Download milestones get counters of their own, named for what an operator asks ("how many chapters failed"),
 * so the download code needs no metrics of its own. Which counters an event moves follows from its type, by an
 * exhaustive switch over the sealed {@link BroadcastEvent}: a new event does not compile until it is counted.
 */
final class CountingPublisher implements EventPublisher {

    /** Every broadcast, with its wire name and the download counter it also moves, if any. */
    enum Broadcast {
        DOWNLOAD_STARTED(EventNames.DOWNLOAD_STARTED, "jamra_downloads_started"),
        DOWNLOAD_PROGRESS(EventNames.DOWNLOAD_PROGRESS, null),
        DOWNLOAD_PAGE_COMPLETE(EventNames.DOWNLOAD_PAGE_COMPLETE, "jamra_download_pages_completed"),
        DOWNLOAD_CHAPTER_COMPLETE(EventNames.DOWNLOAD_CHAPTER_COMPLETE, "jamra_downloads_completed"),
        DOWNLOAD_FAILED(EventNames.DOWNLOAD_FAILED, "jamra_downloads_failed"),
        DOWNLOAD_CANCELLED(EventNames.DOWNLOAD_CANCELLED, "jamra_downloads_cancelled"),
        LIBRARY_ITEM_ADDED(EventNames.LIBRARY_ITEM_ADDED, null),
        LIBRARY_ITEM_UPDATED(EventNames.LIBRARY_ITEM_UPDATED, null),
        LIBRARY_ITEM_REMOVED(EventNames.LIBRARY_ITEM_REMOVED, null),
        LIBRARY_PROGRESS_UPDATED(EventNames.LIBRARY_PROGRESS_UPDATED, null),
        LIBRARY_UPDATE_PROGRESS(EventNames.LIBRARY_UPDATE_PROGRESS, null),
        LIBRARY_CHAPTERS_NEW(EventNames.LIBRARY_CHAPTERS_NEW, null),
        MANGA_UPDATED(EventNames.MANGA_UPDATED, null);

        final String event;
        final String downloadCounter;

        Broadcast(String event, String downloadCounter) {
            this.event = event;
            this.downloadCounter = downloadCounter;
        }

        static Broadcast of(BroadcastEvent event) {
            return switch (event) {
                case DownloadStarted started -> DOWNLOAD_STARTED;
                case DownloadProgress progress -> DOWNLOAD_PROGRESS;
                case DownloadPageComplete page -> DOWNLOAD_PAGE_COMPLETE;
                case DownloadChapterComplete chapter -> DOWNLOAD_CHAPTER_COMPLETE;
                case DownloadFailed failed -> DOWNLOAD_FAILED;
                case DownloadCancelled cancelled -> DOWNLOAD_CANCELLED;
                case LibraryItemAdded added -> LIBRARY_ITEM_ADDED;
                case LibraryItemUpdated updated -> LIBRARY_ITEM_UPDATED;
                case LibraryItemRemoved removed -> LIBRARY_ITEM_REMOVED;
                case LibraryProgressUpdated progress -> LIBRARY_PROGRESS_UPDATED;
                case LibraryUpdateProgress progress -> LIBRARY_UPDATE_PROGRESS;
                case LibraryChaptersNew chapters -> LIBRARY_CHAPTERS_NEW;
                case MangaUpdated manga -> MANGA_UPDATED;
            };
        }
    }

    private final EventPublisher next;
    /** Per kind of broadcast, the counters it moves; built once, so publishing looks up and never registers. */
    private final Map<Broadcast, Counter[]> counters;

    CountingPublisher(MeterRegistry registry, EventPublisher next) {
        this.next = Objects.requireNonNull(next, "next");
        Map<Broadcast, Counter[]> byKind = new EnumMap<>(Broadcast.class);
        for (Broadcast kind : Broadcast.values()) {
            Counter broadcast = registry.getOrCreate(Counter.builder("jamra_broadcasts_published")
                    .description("Events published to the WebSocket channel, by event name")
                    .tags(List.of(Tag.create("event", kind.event))));
            byKind.put(kind, kind.downloadCounter == null
                    ? new Counter[] {broadcast}
                    : new Counter[] {broadcast, registry.getOrCreate(Counter.builder(kind.downloadCounter)
                            .description("Downloads: " + kind.event + " events"))});
        }
        this.counters = byKind;
    }

    @Override
    public void publish(BroadcastEvent event) {
        for (Counter counter : counters.get(Broadcast.of(event))) {
            counter.increment();
        }
        next.publish(event);
    }
}
