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
import dev.jamra.server.events.LibraryChaptersNew;
import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.events.LibraryProgressUpdated;
import dev.jamra.server.events.LibraryUpdateProgress;
import dev.jamra.server.events.MangaUpdated;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CountingPublisherTest {
    private final ServerMetrics metrics = ServerMetrics.create();  // clears meters other tests left
    private final MeterRegistry registry = metrics.registry();
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
    void readingAndLibraryUpdateEventsAreCountedToo() {
        publisher.publish(new LibraryProgressUpdated("l", "c", Optional.empty(), 1, Optional.empty(), false, 1));
        publisher.publish(new LibraryUpdateProgress(true, 0, 1, 2));
        publisher.publish(new LibraryUpdateProgress(false, 1, 1, 3));
        publisher.publish(new LibraryChaptersNew("l", "m", "local", "t",
                List.of(new LibraryChaptersNew.NewChapter("c2", "2", Optional.empty())), 4));
        publisher.publish(MangaUpdated.chapters("m", 5));

        assertEquals(1, broadcasts("library:progress:updated"));
        assertEquals(2, broadcasts("library:update:progress"));
        assertEquals(1, broadcasts("library:chapters:new"));
        assertEquals(1, broadcasts("manga:updated"));
        assertEquals(5, forwarded.size());
    }

    private long count(String name) {
        return registry.counter(name, List.of()).orElseThrow(() -> new AssertionError(name)).count();
    }

    private long broadcasts(String event) {
        return registry.counter("jamra_broadcasts_published", List.of(Tag.create("event", event)))
                .map(Counter::count).orElseThrow(() -> new AssertionError(event));
    }
}
