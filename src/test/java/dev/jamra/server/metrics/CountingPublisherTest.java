package dev.jamra.server.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.DownloadCancelled;
import dev.jamra.server.events.DownloadChapterComplete;
import dev.jamra.server.events.DownloadFailed;
import dev.jamra.server.events.DownloadPageComplete;
import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.events.DownloadStarted;
import dev.jamra.server.events.LibraryChanges;
import dev.jamra.server.events.LibraryChaptersNew;
import dev.jamra.server.events.LibraryItemAdded;
import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.events.LibraryItemUpdated;
import dev.jamra.server.events.LibraryProgressUpdated;
import dev.jamra.server.events.LibrarySnapshot;
import dev.jamra.server.events.LibraryUpdateProgress;
import dev.jamra.server.events.MangaUpdated;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CountingPublisherTest {
    private final ServerMetrics metrics = ServerMetrics.create();  // clears meters other tests left
    // Helidon keeps the meters of a process in one registry, where the server's go too
    private final MeterRegistry registry = Metrics.globalRegistry();
    private final List<BroadcastEvent> forwarded = new ArrayList<>();
    private final CountingPublisher publisher = new CountingPublisher(registry, forwarded::add);

    @AfterEach
    void removeMeters() {
        metrics.close();
    }

    @Test
    void eachBroadcastIsCountedByNameAndForwarded() {
        List<BroadcastEvent> events = List.of(
                new DownloadStarted("d1", "m", "c1", 1),
                DownloadProgress.of("d1", "c1", 1, 2, 2),
                new DownloadPageComplete("d1", "c1", 1, 3),
                new DownloadPageComplete("d1", "c1", 2, 4),
                new DownloadChapterComplete("d1", "c1", 2, 5),
                new DownloadStarted("d2", "m", "c2", 6),
                new DownloadFailed("d2", "c2", "404", 7),
                new DownloadStarted("d3", "m", "c3", 8),
                new DownloadCancelled("d3", "c3", 9),
                new LibraryItemRemoved("l", "m", "local", "t", 10));
        events.forEach(publisher::publish);

        assertEquals(events, forwarded, "every event goes on, in order");
        assertEquals(3, count("jamra_downloads_started"));
        assertEquals(2, count("jamra_download_pages_completed"));
        assertEquals(1, count("jamra_downloads_completed"));
        assertEquals(1, count("jamra_downloads_failed"));
        assertEquals(1, count("jamra_downloads_cancelled"));
        assertEquals(3, broadcasts("download:started"));
        assertEquals(1, broadcasts("download:progress"));
        assertEquals(2, broadcasts("download:page:complete"));
        assertEquals(1, broadcasts("library:item:removed"));
        assertEquals(0, broadcasts("library:item:added"));
    }

    @Test
    void everyKindOfBroadcastIsCountedUnderItsOwnWireName() {
        LibrarySnapshot item = new LibrarySnapshot("l", "m", "local", "t", Optional.empty(), "reading", false, 1);
        List<BroadcastEvent> oneOfEach = List.of(
                new DownloadStarted("d", "m", "c", 1),
                DownloadProgress.of("d", "c", 1, 2, 2),
                new DownloadPageComplete("d", "c", 1, 3),
                new DownloadChapterComplete("d", "c", 1, 4),
                new DownloadFailed("d", "c", "x", 5),
                new DownloadCancelled("d", "c", 6),
                new LibraryItemAdded(item),
                new LibraryItemUpdated(item, new LibraryChanges(Optional.empty(), Optional.of(true))),
                new LibraryItemRemoved("l", "m", "local", "t", 7),
                new LibraryProgressUpdated("l", "c", Optional.empty(), 3, Optional.empty(), false, 8),
                new LibraryUpdateProgress(true, 0, 1, 9),
                new LibraryChaptersNew("l", "m", "local", "t",
                        List.of(new LibraryChaptersNew.NewChapter("c2", "2", Optional.empty())), 10),
                MangaUpdated.chapters("m", 11));
        assertEquals(CountingPublisher.Broadcast.values().length, oneOfEach.size(), "one of each kind");

        for (BroadcastEvent event : oneOfEach) {
            assertEquals(event.name(), CountingPublisher.Broadcast.of(event).event);
            publisher.publish(event);
            assertEquals(1, broadcasts(event.name()), event.name());
        }
    }

    private long count(String name) {
        return registry.counter(name, List.of()).orElseThrow(() -> new AssertionError(name)).count();
    }

    private long broadcasts(String event) {
        return registry.counter("jamra_broadcasts_published", List.of(Tag.create("event", event)))
                .map(Counter::count).orElseThrow(() -> new AssertionError(event));
    }
}
