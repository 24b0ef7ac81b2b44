package dev.jamra.server.downloads;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.sources.SourceCalls;
import dev.jamra.server.testing.LogLines;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloadWorkersTest {

    @Test
    void closingInterruptsTheWorkersAndWaitsForThem() throws InterruptedException {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch running = new CountDownLatch(2);
        DownloadWorkers[] pool = new DownloadWorkers[1];
        DownloadWorkers workers = new DownloadWorkers(2, id -> {
            running.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                log.add("stopped " + id + (pool[0].stopping() ? " while stopping" : ""));
            }
        });
        pool[0] = workers;
        workers.start();
        workers.submit("a");
        workers.submit("b");
        workers.submit("waiting");
        assertTrue(running.await(10, TimeUnit.SECONDS));
        assertFalse(workers.stopping());
        workers.close();
        assertTrue(workers.stopping());
        assertEquals(List.of("stopped a while stopping", "stopped b while stopping"), log.stream().sorted().toList(),
                "two workers, both stopped before close returned; the third download never ran");
    }

    @Test
    void aJobThatBreaksIsLoggedAndTheWorkerGoesOnInTheBackground() throws InterruptedException {
        LogLines logged = LogLines.of(DownloadWorkers.class.getName(), java.util.logging.Level.WARNING);
        CountDownLatch good = new CountDownLatch(1);
        List<Boolean> background = new CopyOnWriteArrayList<>();
        DownloadWorkers workers = new DownloadWorkers(1, id -> {
            if (id.equals("bad")) {
                throw new IllegalStateException("a bug");
            }
            background.add(SourceCalls.inBackground());
            good.countDown();
        });
        try {
            workers.start();
            workers.submit("bad");
            workers.submit("good");
            assertTrue(good.await(10, TimeUnit.SECONDS), "the worker survived");
            assertEquals(List.of("SEVERE Download bad broke its worker java.lang.IllegalStateException: a bug"),
                    logged.lines());
            assertEquals(List.of(true), background, "no person waits on a download: its source calls may wait");
        } finally {
            logged.close();
            workers.close();
        }
    }
}
