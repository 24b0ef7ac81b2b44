package dev.jamra.server.downloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.DownloadCancelled;
import dev.jamra.server.sources.PageFetcher;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.storage.Database;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.FixtureSource;
import dev.jamra.server.testing.HeldReaders;
import dev.jamra.server.testing.LibraryRows;
import dev.jamra.server.testing.LogLines;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.jamra.server.downloads.DownloadAssertions.eventsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cancels that meet a download queued again at once, and cancels that interrupt a wait for the database. */
class DownloadCancelRaceTest {
    private static final PageFetcher.Settings FETCH = new PageFetcher.Settings(Duration.ofSeconds(5),
            Duration.ofSeconds(30), 1 << 20, true);

    private final List<BroadcastEvent> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch held = new CountDownLatch(1);
    private LogLines log;
    private Path dataDir;
    private PageServer pages;
    private Database database;
    private LibraryRows library;
    private PageFetcher fetcher;
    private volatile Consumer<BroadcastEvent> beforePublish = event -> { };
    /** Runs on a thread that finds every read connection busy, just before it waits for one. */
    private volatile Runnable onReaderWait = () -> { };

    @BeforeEach
    void open() {
        dataDir = TestConfig.newDataDir();
        pages = PageServer.start();
        database = Database.open(dataDir, () -> onReaderWait.run());
        library = LibraryRows.open(dataDir);
        fetcher = new PageFetcher(FETCH);
        log = LogLines.of("dev.jamra.server");
    }

    @AfterEach
    void close() {
        log.close();
        held.countDown();
        fetcher.close();
        library.close();
        database.close();
        pages.close();
    }

    private DownloadService start(int concurrency) {
        DownloadSettings settings = new DownloadSettings(concurrency, 0, Duration.ZERO, FETCH);
        return DownloadService.start(settings, database, dataDir.resolve("downloads"), library::find,
                new SourceRegistry(List.of(new FixtureSource(pages.url()))), fetcher, event -> {
                    beforePublish.accept(event);
                    events.add(event);
                }, Clock.systemUTC());
    }

    @Test
    void aQueuedDownloadCancelledAndQueuedAgainStartsAfterItsCancelIsReported() {
        pages.addManga("m", "M");
        pages.addChapter("m", "blocker", "1", List.of(PageFixture.of("1.png").heldBy(held)));
        pages.addChapter("m", "x", "2", List.of(PageFixture.of("1.png")));
        String item = library.insert("m", "fixture");
        try (DownloadService downloads = start(1)) {
            downloads.enqueue(request(item, "blocker"));
            Await.until(() -> pages.inFlight() == 1, "the blocker holds the only worker");
            String x = downloads.enqueue(request(item, "x")).get(0).id();
            // As the cancel reports itself, the user queues the chapter again and the worker comes free.
            beforePublish = event -> {
                if (event instanceof DownloadCancelled cancelled && cancelled.downloadId().equals(x)) {
                    beforePublish = ignored -> { };
                    downloads.enqueue(request(item, "x"));
                    held.countDown();
                    Await.briefly(() -> eventsOf(events, x).contains("DownloadStarted"));
                }
            };
            downloads.cancel(x);
            Await.until(() -> eventsOf(events, x).contains("DownloadChapterComplete"), "the chapter queued again completes");
            assertEquals(List.of("DownloadCancelled", "DownloadStarted", "DownloadProgress", "DownloadPageComplete",
                    "DownloadChapterComplete"), eventsOf(events, x));
            assertTrue(downloads.downloadedChapter(item, "x").isPresent(), "its files are in place");
        }
    }

    @Test
    void aCancelWhileTheWorkerWaitsForTheDatabaseIsRoutine() throws Exception {
        pages.addManga("m", "M");
        pages.addChapter("m", "x", "1", List.of(PageFixture.of("1.png")));
        pages.addChapter("m", "after", "2", List.of(PageFixture.of("1.png")));
        String item = library.insert("m", "fixture");
        try (DownloadService downloads = start(1)) {
            HeldReaders readers = HeldReaders.take(database);
            try {
                // the worker claims the chapter (a write), then waits for a read connection
                String x = downloads.enqueue(request(item, "x")).get(0).id();
                Await.until(() -> eventsOf(events, x).contains("DownloadStarted"), "the chapter started");

                Thread cancel = Thread.ofPlatform().start(() -> downloads.cancel(x));
                Await.until(() -> cancel.getState() == Thread.State.TIMED_WAITING || !cancel.isAlive(),
                        "the cancel waits for the run");
                readers.close();
                cancel.join(Duration.ofSeconds(10));
                assertEquals(List.of("DownloadStarted", "DownloadCancelled"), eventsOf(events, x));

                String after = downloads.enqueue(request(item, "after")).get(0).id();
                Await.until(() -> eventsOf(events, after).contains("DownloadChapterComplete"), "the worker goes on");
                assertEquals(List.of(), problems(), "a cancel is routine");
                assertEquals(List.of("INFO Download " + x + " cancelled"), log.lines().stream()
                        .filter(line -> line.contains(x)).toList(), "one INFO line");
            } finally {
                readers.close();
            }
        }
    }

    /**
     * The worker's cleanup after a failed page waits for a read connection, and the cancel's interrupt lands exactly
     * in that wait (the wait's hook lets the worker go on only once it is interrupted): routine, no SEVERE line.
     */
    @Test
    void aCancelThatInterruptsTheCleanupWhileItWaitsForAConnectionIsRoutine() throws Exception {
        pages.addManga("m", "M");
        pages.addChapter("m", "x", "1", List.of(PageFixture.of("1.png").failing(1, 404).heldBy(held)));
        pages.addChapter("m", "after", "2", List.of(PageFixture.of("1.png")));
        String item = library.insert("m", "fixture");
        CountDownLatch cleanupWaits = new CountDownLatch(1);
        CountDownLatch interruptedInWait = new CountDownLatch(1);
        try (DownloadService downloads = start(1)) {
            String x = downloads.enqueue(request(item, "x")).get(0).id();
            Await.until(() -> pages.inFlight() == 1, "the worker fetches the page, held by the site");
            HeldReaders readers = HeldReaders.take(database);
            try {
                onReaderWait = () -> {
                    onReaderWait = () -> { };
                    cleanupWaits.countDown();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    interruptedInWait.countDown();
                };
                held.countDown();  // the page answers 404: the download fails, and its cleanup reads the database
                assertTrue(cleanupWaits.await(10, TimeUnit.SECONDS), "the cleanup waits for a connection");

                Thread cancel = Thread.ofPlatform().start(() -> downloads.cancel(x));
                assertTrue(interruptedInWait.await(10, TimeUnit.SECONDS));
                readers.close();
                assertTrue(cancel.join(Duration.ofSeconds(10)), "the cancel is over");
            } finally {
                readers.close();
            }

            assertEquals(List.of("DownloadStarted", "DownloadCancelled"), eventsOf(events, x));
            assertEquals("cancelled", downloads.details(x).download().status().wireName());
            assertFalse(Files.exists(dataDir.resolve("downloads").resolve(x)), "its files are gone");
            String after = downloads.enqueue(request(item, "after")).get(0).id();
            Await.until(() -> eventsOf(events, after).contains("DownloadChapterComplete"), "the worker goes on");
            assertEquals(List.of(), problems(), "a cancel is routine, whenever it comes");
        } finally {
            held.countDown();
        }
    }

    /** What the server logged at WARNING or above (SEVERE included). */
    private List<String> problems() {
        return log.lines().stream().filter(line -> !line.startsWith("INFO ")).toList();
    }

    private static DownloadService.DownloadRequest request(String item, String chapterId) {
        return new DownloadService.DownloadRequest(item, "fixture", List.of(chapterId), Map.of());
    }
}
