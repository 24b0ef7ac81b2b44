package dev.jamra.server.downloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.DownloadCancelled;
import dev.jamra.server.events.DownloadChapterComplete;
import dev.jamra.server.events.DownloadEvent;
import dev.jamra.server.events.DownloadFailed;
import dev.jamra.server.events.DownloadStarted;
import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.PageFetcher;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.storage.Database;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.FixtureSource;
import dev.jamra.server.testing.LibraryRows;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.jamra.server.downloads.DownloadAssertions.eventsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The download service on its own, one chapter at a time, with the events it publishes collected in a list: what
 * the library relies on when an item goes, and the races around queuing.
 */
class DownloadServiceTest {
    private static final PageFetcher.Settings FETCH = new PageFetcher.Settings(Duration.ofSeconds(5),
            Duration.ofSeconds(30), 1 << 20, true);

    private final List<BroadcastEvent> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch held = new CountDownLatch(1);
    private Path dataDir;
    private PageServer pages;
    private Database database;
    private LibraryRows library;
    private PageFetcher fetcher;

    @BeforeEach
    void open() {
        dataDir = TestConfig.newDataDir();
        pages = PageServer.start();
        database = Database.open(dataDir);
        library = LibraryRows.open(dataDir);
        fetcher = new PageFetcher(FETCH);
    }

    @AfterEach
    void close() throws InterruptedException {
        held.countDown();
        fetcher.close();
        library.close();
        database.close();
        pages.close();
    }

    /** A service with one worker and no retries, finding library items with {@code items}. */
    private DownloadService start(LibraryItemLookup items) {
        DownloadSettings settings = new DownloadSettings(1, 0, Duration.ZERO, FETCH);
        return DownloadService.start(settings, database, dataDir.resolve("downloads"), items,
                new SourceRegistry(List.of(new FixtureSource(pages.url()))), fetcher, events::add, Clock.systemUTC());
    }

    @Test
    void removeAllForCancelsRunningDownloadsAndDeletesEverything() {
        pages.addManga("m", "M");
        pages.addChapter("m", "done", "1", List.of(PageFixture.of("1.png")));
        pages.addChapter("m", "slow", "2", List.of(PageFixture.of("1.png").heldBy(held)));
        pages.addChapter("m", "waiting", "3", List.of(PageFixture.of("1.png")));
        String item = library.insert("m", "fixture");
        String other = library.insert("m", "elsewhere");
        try (DownloadService downloads = start(library::find)) {
            String done = downloads.enqueue(request(item, "done")).get(0).id();
            awaitEvent(DownloadChapterComplete.class, done);
            String slow = downloads.enqueue(request(item, "slow")).get(0).id();
            String waiting = downloads.enqueue(request(item, "waiting")).get(0).id();
            Await.until(() -> pages.inFlight() == 1, "the slow chapter is fetching");
            assertTrue(Files.exists(folder(done)));

            downloads.removeAllFor(item);

            List<String> cancelled = events.stream().filter(e -> e instanceof DownloadCancelled)
                    .map(e -> ((DownloadCancelled) e).downloadId()).sorted().toList();
            assertEquals(Stream.of(slow, waiting).sorted().toList(), cancelled);
            assertEquals(List.of(), downloads.list(null, item, null));
            for (String id : List.of(done, slow, waiting)) {
                assertFalse(Files.exists(folder(id)), id + " left files");
            }
            assertEquals(0, downloads.stats().downloadCount());
            assertEquals(0, downloads.list(null, other, null).size());
        }
    }

    @Test
    void listedChaptersAreQueuedWithoutAskingTheSourceAndNeverTwice() {
        pages.addManga("m", "M");
        pages.addChapter("m", "c1", "1", List.of(PageFixture.of("1.png")));
        String item = library.insert("m", "fixture");
        LibraryItemRef ref = library.find(item).orElseThrow();
        try (DownloadService downloads = start(library::find)) {
            String done = downloads.enqueue(request(item, "c1")).get(0).id();
            awaitEvent(DownloadChapterComplete.class, done);
            // the site's catalog is down now: queuing listed chapters does not ask it (enqueue would answer 502)
            pages.breakCatalog("m");
            List<Download> queued = downloads.enqueueListed(ref, List.of(new Chapter("c1", "1", null),
                    new Chapter("c2", "2", "Two")));
            assertEquals(List.of("c2"), queued.stream().map(Download::chapterId).toList(), "c1 is downloaded");
            assertEquals("2", queued.getFirst().chapterNumber());
            assertEquals(List.of(), downloads.enqueueListed(ref, List.of(new Chapter("c2", "2", "Two"))),
                    "c2 is queued or running");
            assertEquals(List.of(), downloads.enqueueListed(ref, List.of()));
            assertEquals(List.of(), downloads.enqueueListed(new LibraryItemRef("lib-gone", "m", "fixture"),
                    List.of(new Chapter("c3", "3", null))), "an item removed meanwhile gets nothing");
        }
    }

    @Test
    void anItemDeletedBeforeItsChaptersAreStoredIsABadRequest() {
        pages.addManga("m", "M");
        pages.addChapter("m", "c1", "1", List.of(PageFixture.of("1.png")));
        // The lookup still finds the item, as it did just before a concurrent removal committed.
        LibraryItemLookup staleLookup = id -> Optional.of(new LibraryItemRef(id, "m", "fixture"));
        try (DownloadService downloads = start(staleLookup)) {
            ServiceException.Invalid refused = assertThrows(ServiceException.Invalid.class,
                    () -> downloads.enqueue(request("lib-removed", "c1")));
            assertEquals("libraryId", refused.details().get("field"));
            assertTrue(refused.getMessage().contains("Unknown library item"), refused::getMessage);
            assertEquals(List.of(), downloads.list(null, null, null));
        }
    }

    @Test
    void aRunningDownloadWhoseItemIsDeletedWithoutACancelReportsOneCancel() {
        pages.addManga("m", "M");
        pages.addChapter("m", "slow", "1", List.of(PageFixture.of("1.png").heldBy(held), PageFixture.of("2.png")));
        pages.addManga("n", "N");
        pages.addChapter("n", "after", "1", List.of(PageFixture.of("1.png")));
        String item = library.insert("m", "fixture");
        String next = library.insert("n", "fixture");
        try (DownloadService downloads = start(library::find)) {
            String slow = downloads.enqueue(request(item, "slow")).get(0).id();
            awaitEvent(DownloadStarted.class, slow);
            Await.until(() -> pages.inFlight() == 1, "page 1 is being fetched");

            // A chapter queued after the removal hook ran goes with the item's rows, and no cancel ever comes.
            library.delete(item);
            held.countDown();

            // One worker: the next chapter runs only once the first run has reported everything it will.
            String after = downloads.enqueue(request(next, "after")).get(0).id();
            awaitEvent(DownloadChapterComplete.class, after);
            assertEquals(List.of("DownloadStarted", "DownloadCancelled"), eventsOf(events, slow));
            assertFalse(Files.exists(folder(slow)), "its files are gone");
        }
    }

    @Test
    void aRequeuedDownloadStartsFromAnEmptyFolder() throws IOException {
        pages.addManga("m", "M");
        pages.addChapter("m", "flaky", "1", List.of(PageFixture.of("1.png").failing(Integer.MAX_VALUE, 500)));
        pages.addChapter("m", "blocker", "2", List.of(PageFixture.of("1.png").heldBy(held)));
        String item = library.insert("m", "fixture");
        try (DownloadService downloads = start(library::find)) {
            String flaky = downloads.enqueue(request(item, "flaky")).get(0).id();
            awaitEvent(DownloadFailed.class, flaky);
            downloads.enqueue(request(item, "blocker"));
            Await.until(() -> pages.inFlight() == 1, "the blocker holds the only worker");
            pages.replacePage("m", "flaky", PageFixture.of("1.png"));
            assertEquals(flaky, downloads.enqueue(request(item, "flaky")).get(0).id(), "queued again in place");
            // What an earlier run of the chapter could still be writing when it is queued again, in its folder.
            new DownloadFolders(dataDir.resolve("downloads")).claim(flaky);
            Files.write(folder(flaky).resolve("page_009.png"), PageServer.bytesFor("stale"));

            held.countDown();
            awaitEvent(DownloadChapterComplete.class, flaky);
            try (Stream<Path> files = Files.list(folder(flaky))) {
                assertEquals(List.of(DownloadFolders.MARKER, "page_001.png"),
                        files.map(file -> file.getFileName().toString()).sorted().toList());
            }
        }
    }

    private void awaitEvent(Class<? extends DownloadEvent> type, String downloadId) {
        Await.until(() -> events.stream().anyMatch(event -> type.isInstance(event)
                && ((DownloadEvent) event).downloadId().equals(downloadId)), type.getSimpleName() + " of " + downloadId);
    }

    private Path folder(String downloadId) {
        return dataDir.resolve("downloads").resolve(downloadId);
    }

    private static DownloadService.DownloadRequest request(String item, String chapterId) {
        return new DownloadService.DownloadRequest(item, "fixture", List.of(chapterId), Map.of());
    }
}
