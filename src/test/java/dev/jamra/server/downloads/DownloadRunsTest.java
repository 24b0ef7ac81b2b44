package dev.jamra.server.downloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.DownloadCancelled;
import dev.jamra.server.events.DownloadFailed;
import dev.jamra.server.events.DownloadPageComplete;
import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.storage.Database;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.LibraryRows;
import dev.jamra.server.testing.LogLines;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.jamra.server.downloads.DownloadAssertions.eventsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The life of a download's run on its own: its claim, its end (completed, failed, paused, cancelled, removed) and
 * the hand-off with a cancel, with the pages' work scripted per chapter and the events collected in a list.
 */
class DownloadRunsTest {
    private final List<BroadcastEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    /** Opened by a test's script once its download is at work. */
    private final CountDownLatch working = new CountDownLatch(1);
    private volatile Consumer<BroadcastEvent> beforePublish = event -> { };
    private Path dataDir;
    private Database database;
    private LibraryRows library;
    private LogLines log;
    private DownloadStore store;
    private DownloadEvents downloadEvents;
    private DownloadRuns runs;
    private String item;

    /** What the work does for one chapter. */
    @FunctionalInterface
    private interface Script {
        void download(Download download, BooleanSupplier cancelled) throws Exception;
    }

    @BeforeEach
    void open() {
        dataDir = TestConfig.newDataDir();
        database = Database.open(dataDir);
        library = LibraryRows.open(dataDir);
        log = LogLines.of("dev.jamra.server.downloads");
        item = library.insert("m", "fixture");
        store = new DownloadStore(database, new DownloadRepository(), new DownloadFiles(dataDir.resolve("downloads")),
                Clock.systemUTC());
        downloadEvents = new DownloadEvents(event -> {
            beforePublish.accept(event);
            events.add(event);
        }, Clock.systemUTC());
        runs = new DownloadRuns(store, downloadEvents, new ScriptedWork(), 2);
    }

    @AfterEach
    void close() {
        release.countDown();
        runs.close();
        log.close();
        library.close();
        database.close();
    }

    @Test
    void aRunClaimsItsDownloadAndItsWorkCompletesIt() {
        runs.start();
        String id = queue("c1");
        Await.until(() -> eventsOf(events, id).contains("DownloadChapterComplete"), "the chapter completes");
        assertEquals(List.of("DownloadStarted", "DownloadProgress", "DownloadPageComplete",
                "DownloadChapterComplete"), eventsOf(events, id));
        DownloadProgress progress = (DownloadProgress) events.get(1);
        assertEquals(List.of(1, 1, 100), List.of(progress.currentPage(), progress.totalPages(),
                progress.percentage()));
        assertEquals(1, ((DownloadPageComplete) events.get(2)).pageNumber());
        assertEquals(DownloadStatus.COMPLETED, status(id));
        assertEquals(100, details(id).progress());
        assertTrue(Files.exists(folder(id).resolve("page_001.png")), "a completed download keeps its files");
        assertEquals(List.of(), log.lines());
    }

    @Test
    void aFailureIsRecordedAndReportedInWordsAndTheFilesGo() {
        scripts.put("bad", (download, cancelled) -> {
            storePage(download);
            throw new IOException("disk full at /somewhere");
        });
        runs.start();
        String id = queue("bad");
        Await.until(() -> eventsOf(events, id).contains("DownloadFailed"), "the chapter fails");
        assertEquals(List.of("DownloadStarted", "DownloadFailed"), eventsOf(events, id));
        assertEquals("failed: disk full at /somewhere", errorOf(id));
        assertEquals(DownloadStatus.FAILED, status(id));
        assertEquals("failed: disk full at /somewhere", details(id).error());
        assertFalse(Files.exists(folder(id)), "its files are gone");
        assertEquals(List.of("INFO Download " + id + " failed: failed: disk full at /somewhere"), log.lines());
    }

    @Test
    void aFailureTheWorkCannotPutInWordsIsReportedAsAnInterruption() {
        scripts.put("quiet", (download, cancelled) -> {
            throw new InterruptedException();
        });
        runs.start();
        String id = queue("quiet");
        Await.until(() -> eventsOf(events, id).contains("DownloadFailed"), "the chapter fails");
        assertEquals("Interrupted", errorOf(id));
    }

    @Test
    void cancellingAQueuedDownloadReportsItAtOnceAndItNeverStarts() throws IOException {
        String id = queue("c1");
        storePage(details(id));

        Optional<Download> before = runs.cancel(id);

        assertEquals(DownloadStatus.QUEUED, before.orElseThrow().status());
        assertEquals(List.of("DownloadCancelled"), eventsOf(events, id), "reported before cancel returned");
        assertEquals("c1", ((DownloadCancelled) events.getFirst()).chapterId());
        assertFalse(Files.exists(folder(id)), "its files are gone");
        assertEquals(List.of("INFO Download " + id + " cancelled"), log.lines());
        runs.start();
        String after = queue("c2");
        Await.until(() -> eventsOf(events, after).contains("DownloadChapterComplete"), "the workers take the next one");
        assertEquals(List.of("DownloadCancelled"), eventsOf(events, id), "the cancelled download never started");
        assertEquals(DownloadStatus.CANCELLED, status(id));
    }

    @Test
    void cancellingARunningDownloadInterruptsItsWorkAndTheRunReportsBeforeTheCancelReturns() throws Exception {
        List<Boolean> sawCancel = new CopyOnWriteArrayList<>();
        scripts.put("slow", (download, cancelled) -> {
            storePage(download);
            sawCancel.add(cancelled.getAsBoolean());
            working.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } finally {
                sawCancel.add(cancelled.getAsBoolean());
            }
        });
        Script notInterrupted = (download, cancelled) -> {
            assertFalse(Thread.currentThread().isInterrupted(), "the cancel does not reach the next download");
            complete(download);
        };
        scripts.put("next", notInterrupted);
        scripts.put("other", notInterrupted);
        String id = startWorking("slow");

        assertEquals(DownloadStatus.DOWNLOADING, runs.cancel(id).orElseThrow().status());

        assertEquals(List.of("DownloadStarted", "DownloadCancelled"), eventsOf(events, id), "reported before it returned");
        assertEquals(List.of(false, true), sawCancel, "the work sees the cancel");
        assertFalse(Files.exists(folder(id)), "its files are gone");
        assertEquals(DownloadStatus.CANCELLED, status(id));
        assertEquals(List.of("INFO Download " + id + " cancelled"), log.lines(), "routine: one line");
        assertEquals(DownloadStatus.CANCELLED, runs.cancel(id).orElseThrow().status(), "a second cancel");
        assertEquals(1, eventsOf(events, id).stream().filter("DownloadCancelled"::equals).count(), "changes nothing");

        String next = queue("next");
        String other = queue("other");
        Await.until(() -> eventsOf(events, next).contains("DownloadChapterComplete")
                          && eventsOf(events, other).contains("DownloadChapterComplete"), "both workers go on");
    }

    @Test
    void aDownloadQueuedAgainRightAfterItsCancelStartsOnlyOnceTheCancelIsReported() throws Exception {
        scripts.put("x", (download, cancelled) -> {
            if (events.stream().noneMatch(event -> event instanceof DownloadCancelled)) {
                working.countDown();
                Thread.sleep(Duration.ofMinutes(1));
            }
            complete(download);
        });
        String id = startWorking("x");
        // As the run reports its cancel, the chapter is queued again, and the other worker is free to take it.
        beforePublish = event -> {
            if (event instanceof DownloadCancelled) {
                beforePublish = ignored -> { };
                assertEquals(id, queue("x"));
                Await.briefly(() -> eventsOf(events, id).size() > 2);
            }
        };

        runs.cancel(id);

        Await.until(() -> eventsOf(events, id).contains("DownloadChapterComplete"), "the chapter queued again completes");
        assertEquals(List.of("DownloadStarted", "DownloadCancelled", "DownloadStarted", "DownloadChapterComplete"),
                eventsOf(events, id));
        assertEquals(List.of("INFO Download " + id + " cancelled"), log.lines(), "it waited without a word");
    }

    @Test
    void aRunWhoseDownloadIsDeletedWithoutACancelReportsItAsOneCancel() throws Exception {
        scripts.put("gone", (download, cancelled) -> {
            storePage(download);
            working.countDown();
            release.await();
            throw new IllegalStateException("its row went");
        });
        String id = startWorking("gone");

        library.delete(item);  // its downloads go by cascade; no cancel ever comes
        release.countDown();

        Await.until(() -> eventsOf(events, id).contains("DownloadCancelled"), "the run reports the removal");
        assertEquals(List.of("DownloadStarted", "DownloadCancelled"), eventsOf(events, id));
        Await.until(() -> !Files.exists(folder(id)), "its files go");
        assertEquals(Optional.empty(), runs.cancel(id), "a later cancel finds nothing");
        assertEquals(List.of("INFO Download " + id + " cancelled"), log.lines());
    }

    @Test
    void aStopPausesARunningDownloadWhichStaysDownloading() throws Exception {
        scripts.put("long", (download, cancelled) -> {
            storePage(download);
            working.countDown();
            Thread.sleep(Duration.ofMinutes(1));
        });
        String id = startWorking("long");

        runs.close();

        assertEquals(List.of("DownloadStarted"), eventsOf(events, id));
        assertEquals(DownloadStatus.DOWNLOADING, status(id), "resumed at the next start");
        assertTrue(Files.exists(folder(id).resolve("page_001.png")), "keeping its pages");
        assertEquals(List.of("INFO Download " + id + " paused by the server stopping"), log.lines());

        assertEquals(DownloadStatus.DOWNLOADING, runs.cancel(id).orElseThrow().status(),
                "a cancel once the run is over");
        assertEquals(List.of("DownloadStarted", "DownloadCancelled"), eventsOf(events, id), "is reported by its caller");
        assertFalse(Files.exists(folder(id)));
    }

    @Test
    void cancellingADownloadThatIsOverOrUnknownChangesNothing() {
        runs.start();
        String id = queue("c1");
        Await.until(() -> eventsOf(events, id).contains("DownloadChapterComplete"), "the chapter completes");

        assertEquals(DownloadStatus.COMPLETED, runs.cancel(id).orElseThrow().status());
        assertEquals(Optional.empty(), runs.cancel("no-such-download"));

        assertEquals(DownloadStatus.COMPLETED, status(id));
        assertEquals(List.of("DownloadStarted", "DownloadProgress", "DownloadPageComplete", "DownloadChapterComplete"),
                eventsOf(events, id));
        assertTrue(Files.exists(folder(id)));
    }

    @Test
    void aReportThatFailsIsLoggedAndTheRunStillEnds() throws Exception {
        scripts.put("slow", (download, cancelled) -> {
            working.countDown();
            Thread.sleep(Duration.ofMinutes(1));
        });
        beforePublish = event -> {
            if (event instanceof DownloadCancelled) {
                throw new IllegalStateException("cannot publish");
            }
        };
        String id = startWorking("slow");

        runs.cancel(id);

        assertEquals(List.of("INFO Download " + id + " cancelled",
                "SEVERE Could not report the cancel of download " + id + " java.lang.IllegalStateException: cannot"
                + " publish"), log.lines());
        beforePublish = event -> { };
        assertEquals(id, queue("slow"));
        Await.until(() -> eventsOf(events, id).stream().filter("DownloadStarted"::equals).count() == 2,
                "the download can run again");
    }

    @Test
    void aCancelWhoseCallerIsInterruptedReturnsWithTheInterruptKept() throws InterruptedException {
        scripts.put("stubborn", (download, cancelled) -> {
            working.countDown();
            // a work that does not stop at once: it ends only when the test lets it
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    // goes on
                }
            }
            throw new InterruptedException();
        });
        String id = startWorking("stubborn");
        CountDownLatch returned = new CountDownLatch(1);
        boolean[] interrupted = new boolean[1];
        Thread cancel = Thread.ofPlatform().start(() -> {
            runs.cancel(id);
            interrupted[0] = Thread.currentThread().isInterrupted();
            returned.countDown();
        });
        Await.until(() -> cancel.getState() == Thread.State.TIMED_WAITING, "the cancel waits for the run");

        cancel.interrupt();

        assertTrue(returned.await(10, TimeUnit.SECONDS), "the cancel returned");
        assertTrue(interrupted[0], "with its interrupt");
        release.countDown();
        Await.until(() -> eventsOf(events, id).contains("DownloadCancelled"), "the run reports the cancel as it ends");
    }

    /** Does what each chapter's script says; a chapter without one completes with one page. */
    private final class ScriptedWork implements ChapterWork {
        @Override
        public void download(Download download, BooleanSupplier cancelled) throws Exception {
            Script script = scripts.get(download.chapterId());
            if (script != null) {
                script.download(download, cancelled);
                return;
            }
            storePage(download);
            DownloadProgress progress = downloadEvents.progress(download, 1, 1);
            DownloadedPage page = new DownloadedPage("page-of-" + download.id(), download.id(), 1, "https://x/1.png",
                    download.id() + "/page_001.png", 3, store.now());
            boolean recorded = database.write(c -> store.rows().recordPage(c, page, progress.percentage()));
            assertTrue(recorded);
            downloadEvents.pageStored(progress);
            complete(download);
        }

        @Override
        public String failureOf(Download download, Exception stopped) {
            return stopped instanceof InterruptedException ? null : "failed: " + stopped.getMessage();
        }
    }

    /** Records the download completed and reports it, as the work does after its last page. */
    private void complete(Download download) {
        boolean completed = database.write(c -> store.rows().complete(c, download.id(), store.now()));
        assertTrue(completed);
        downloadEvents.completed(download, 1);
    }

    /** A page file in the download's folder, as the work stores one. */
    private void storePage(Download download) throws IOException {
        Path dir = new DownloadFolders(dataDir.resolve("downloads")).claim(download.id());
        Files.write(dir.resolve("page_001.png"), new byte[] {1, 2, 3});
    }

    /** Queues a chapter of the item (again, when it was cancelled) and hands it to the runs. */
    /** Starts the runs and queues {@code chapterId}; returns its download's id once its script is at work. */
    private String startWorking(String chapterId) throws InterruptedException {
        runs.start();
        String id = queue(chapterId);
        assertTrue(working.await(10, TimeUnit.SECONDS));
        return id;
    }

    private String queue(String chapterId) {
        LibraryItemRef ref = library.find(item).orElseThrow();
        Download queued = database.write(c -> store.rows().enqueue(c, ref,
                List.of(new DownloadRepository.ChapterRequest(chapterId, "1")), store.now(), (d, p) -> true))
                .getFirst();
        runs.submit(queued.id());
        return queued.id();
    }

    private Download details(String id) {
        return database.read(c -> store.rows().find(c, id)).orElseThrow();
    }

    private DownloadStatus status(String id) {
        return details(id).status();
    }

    private String errorOf(String id) {
        return events.stream().filter(event -> event instanceof DownloadFailed failed && failed.downloadId().equals(id))
                .map(event -> ((DownloadFailed) event).error()).findFirst().orElseThrow();
    }

    private Path folder(String downloadId) {
        return dataDir.resolve("downloads").resolve(downloadId);
    }

}
