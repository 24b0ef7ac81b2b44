package dev.jamra.server.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.EventNames;
import dev.jamra.server.events.EventPublisher;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;

/**
 * Counts every broadcast by its event name before handing it on: {@code jamra_broadcasts_published{event=...}}.
 * Download milestones get counters of their own, named for what an operator asks ("how many chapters failed"),
 * so the download code needs no metrics of its own.
 */
final class CountingPublisher implements EventPublisher {
    private static final Map<String, String> DOWNLOAD_COUNTERS = Map.of(
            EventNames.DOWNLOAD_STARTED, "jamra_downloads_started",
            EventNames.DOWNLOAD_PAGE_COMPLETE, "jamra_download_pages_completed",
            EventNames.DOWNLOAD_CHAPTER_COMPLETE, "jamra_downloads_completed",
            EventNames.DOWNLOAD_FAILED, "jamra_downloads_failed",
            EventNames.DOWNLOAD_CANCELLED, "jamra_downloads_cancelled");

    private static final String[] BROADCASTS = {
            EventNames.DOWNLOAD_STARTED, EventNames.DOWNLOAD_PROGRESS, EventNames.DOWNLOAD_PAGE_COMPLETE,
            EventNames.DOWNLOAD_CHAPTER_COMPLETE, EventNames.DOWNLOAD_FAILED, EventNames.DOWNLOAD_CANCELLED,
            EventNames.LIBRARY_ITEM_ADDED, EventNames.LIBRARY_ITEM_UPDATED, EventNames.LIBRARY_ITEM_REMOVED,
            EventNames.LIBRARY_PROGRESS_UPDATED, EventNames.LIBRARY_UPDATE_PROGRESS, EventNames.LIBRARY_CHAPTERS_NEW,
            EventNames.MANGA_UPDATED};

    private final EventPublisher next;
    /** Per event name, the counters it moves; built once, so publishing looks up and never registers. */
    private final Map<String, Counter[]> counters;

    CountingPublisher(MeterRegistry registry, EventPublisher next) {
        this.next = Objects.requireNonNull(next, "next");
        Map<String, Counter[]> byName = new HashMap<>();
        for (String name : BROADCASTS) {
            Counter broadcast = registry.getOrCreate(Counter.builder("jamra_broadcasts_published")
                    .description("Events published to the WebSocket channel, by event name")
                    .tags(java.util.List.of(Tag.create("event", name))));
            String download = DOWNLOAD_COUNTERS.get(name);
            byName.put(name, download == null
                    ? new Counter[] {broadcast}
                    : new Counter[] {broadcast, registry.getOrCreate(Counter.builder(download)
                            .description("Downloads: " + name + " events"))});
        }
        this.counters = Map.copyOf(byName);
    }

    @Override
    public void publish(BroadcastEvent event) {
        Counter[] moved = counters.get(event.name());
        if (moved != null) {
            for (Counter counter : moved) {
                counter.increment();
            }
        }
        next.publish(event);
    }
}
