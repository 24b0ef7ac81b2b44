package dev.jamra.server.downloads;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.LogCapture;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloadWorkersTest {

    @Test
    void aDownloadQueuedAgainWaitsUntilItsCancelledRunHasCleanedUp() throws InterruptedException {
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CountDownLatch reporting = new CountDownLatch(1);
        CountDownLatch finishReport = new CountDownLatch(1);
        DownloadWorkers workers = new DownloadWorkers(2, run -> {
            int number = runs.incrementAndGet();
            log.add("run " + number);
            if (number == 1) {
                run.markClaimed("chapter");
                firstClaimed.countDown();
                try {
                    Thread.sleep(Duration.ofMinutes(1));
                } catch (InterruptedException e) {
                    log.add("run 1 interrupted");
                }
            }
        }, run -> {
            // the cancelled run's cleanup: deleting its folder, publishing download:cancelled
            log.add("report start");
            reporting.countDown();
            try {
                assertTrue(finishReport.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.add("report end");
        });
        try {
            workers.start();
            workers.submit("dl");
            assertTrue(firstClaimed.await(10, TimeUnit.SECONDS));
            assertTrue(workers.cancel("dl").isPresent(), "the run reports its own cancel");
            assertTrue(reporting.await(10, TimeUnit.SECONDS));

            workers.submit("dl");  // queued again at once; the second worker is free
            long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < deadline) {
                assertFalse(log.contains("run 2"), "a new run started during the old run's cleanup: " + log);
                Thread.sleep(10);
            }
            finishReport.countDown();
            Await.until(() -> log.contains("run 2"), "the new run starts once the old one is over");
            assertEquals(List.of("run 1", "run 1 interrupted", "report start", "report end", "run 2"), log);
        } finally {
            finishReport.countDown();
            workers.close();
        }
    }

    @Test
    void aCancelInterruptsAClaimedRunOnceAndNeverAfterItsEnd() throws InterruptedException {
        RunningDownload early = new RunningDownload("early", Thread.currentThread());
        assertFalse(early.cancel(), "not claimed yet: the caller reports the cancel");
        assertFalse(early.markClaimed("c"), "a run cancelled before its claim stops quietly");
        assertTrue(early.cancelled());
        assertFalse(Thread.interrupted());

        RunningDownload run = new RunningDownload("dl", Thread.currentThread());
        assertTrue(run.markClaimed("c"));
        assertEquals("c", run.chapterId());
        assertFalse(run.cancelled());
        assertTrue(run.cancel(), "the run reports its own cancel");
        assertTrue(Thread.interrupted(), "the worker is interrupted");
        assertTrue(run.cancel());
        assertFalse(Thread.interrupted(), "a second cancel does not interrupt the cleanup of the first");
        assertTrue(run.end(), "the run must report the cancel");
        assertFalse(run.cancel(), "after the end the caller reports");
        assertFalse(Thread.interrupted(), "and the next download is not hit");
        assertFalse(run.awaitDone(Duration.ZERO));
        run.done();
        assertTrue(run.awaitDone(Duration.ZERO));

        RunningDownload removed = new RunningDownload("gone", Thread.currentThread());
        assertTrue(removed.markClaimed("c"));
        removed.cancelForRemoval();
        assertFalse(Thread.interrupted(), "a removal does not interrupt");
        assertTrue(removed.end(), "but the run reports it as a cancel");
    }

    @Test
    void closingInterruptsTheWorkersAndWaitsForThem() throws InterruptedException {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch running = new CountDownLatch(2);
        DownloadWorkers workers = new DownloadWorkers(2, run -> {
            running.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                log.add("stopped " + run.downloadId());
            }
        }, run -> log.add("reported " + run.downloadId()));
        workers.start();
        workers.submit("a");
        workers.submit("b");
        workers.submit("waiting");
        assertTrue(running.await(10, TimeUnit.SECONDS));
        assertFalse(workers.stopping());
        workers.close();
        assertTrue(workers.stopping());
        assertEquals(List.of("stopped a", "stopped b"), log.stream().sorted().toList(),
                "two workers, both stopped before close returned; a stop is no cancel; the third never ran");
        workers.submit("c");
        assertFalse(workers.cancel("c").isPresent());
    }

    @Test
    void aJobThatBreaksIsLoggedAndTheWorkerGoesOn() throws InterruptedException {
        LogCapture logged = LogCapture.install(DownloadWorkers.class.getName(), java.util.logging.Level.WARNING);
        CountDownLatch good = new CountDownLatch(1);
        DownloadWorkers workers = new DownloadWorkers(1, run -> {
            if (run.downloadId().equals("bad")) {
                run.markClaimed("c");
                run.cancel();
                throw new IllegalStateException("a bug");
            }
            good.countDown();
        }, run -> {
            throw new IllegalStateException("cannot report");
        });
        try {
            workers.start();
            workers.submit("bad");
            workers.submit("good");
            assertTrue(good.await(10, TimeUnit.SECONDS), "the worker survived");
            assertEquals(List.of("SEVERE Download bad broke its worker",
                    "SEVERE Could not report the cancel of download bad"), logged.lines());
        } finally {
            logged.close();
            workers.close();
            Thread.interrupted();
        }
    }
}
