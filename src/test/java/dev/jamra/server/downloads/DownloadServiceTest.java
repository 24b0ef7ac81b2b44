package dev.jamra.server.downloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.DownloadCancelled;
import dev.jamra.server.events.DownloadChapterComplete;
import dev.jamra.server.sources.PageFetcher;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.storage.Database;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.FixtureSource;
import dev.jamra.server.testing.LibraryRows;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the library relies on: removing an item's downloads stops them and leaves nothing behind. */
class DownloadServiceTest {
    private static final PageFetcher.Settings FETCH = new PageFetcher.Settings(Duration.ofSeconds(5),
            Duration.ofSeconds(30), 1 << 20);

    @Test
    void removeAllForCancelsRunningDownloadsAndDeletesEverything() throws Exception {
        Path dataDir = TestConfig.newDataDir();
        List<BroadcastEvent> events = new CopyOnWriteArrayList<>();
        CountDownLatch held = new CountDownLatch(1);
        try (PageServer pages = PageServer.start();
             Database database = Database.open(dataDir);
             LibraryRows library = LibraryRows.open(dataDir);
             PageFetcher fetcher = new PageFetcher(FETCH)) {
            pages.addManga("m", "M");
            pages.addChapter("m", "done", "1", List.of(PageFixture.of("1.png")));
            pages.addChapter("m", "slow", "2", List.of(PageFixture.of("1.png").heldBy(held)));
            pages.addChapter("m", "waiting", "3", List.of(PageFixture.of("1.png")));
            String item = library.insert("m", "fixture");
            String other = library.insert("m", "elsewhere");
            DownloadSettings settings = new DownloadSettings(1, 0, Duration.ZERO, FETCH);
            try (DownloadService downloads = DownloadService.start(settings, database, dataDir.resolve("downloads"),
                    library::find, new SourceRegistry(List.of(new FixtureSource(pages.url()))), fetcher,
                    events::add, Clock.systemUTC())) {
                String done = downloads.enqueue(request(item, "done")).get(0).id();
                Await.until(() -> events.stream().anyMatch(e -> e instanceof DownloadChapterComplete), "a chapter done");
                String slow = downloads.enqueue(request(item, "slow")).get(0).id();
                String waiting = downloads.enqueue(request(item, "waiting")).get(0).id();
                Await.until(() -> pages.inFlight() == 1, "the slow chapter is fetching");
                assertTrue(Files.exists(dataDir.resolve("downloads").resolve(done)));

                downloads.removeAllFor(item);

                List<String> cancelled = events.stream().filter(e -> e instanceof DownloadCancelled)
                        .map(e -> ((DownloadCancelled) e).downloadId()).sorted().toList();
                assertEquals(List.of(slow, waiting).stream().sorted().toList(), cancelled);
                assertEquals(List.of(), downloads.list(null, item, null));
                for (String id : List.of(done, slow, waiting)) {
                    assertFalse(Files.exists(dataDir.resolve("downloads").resolve(id)), id + " left files");
                }
                assertEquals(0, downloads.stats().downloadCount());
                assertEquals(0, downloads.list(null, other, null).size());
            }
        } finally {
            held.countDown();
        }
    }

    private static DownloadService.DownloadRequest request(String item, String chapterId) {
        return new DownloadService.DownloadRequest(item, "fixture", List.of(chapterId), Map.of());
    }
}
