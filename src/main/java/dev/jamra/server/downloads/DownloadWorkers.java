package dev.jamra.server.downloads;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import dev.jamra.server.sources.SourceCalls;

/**
 * A fixed number of virtual-thread workers taking download ids from a queue, so at most that many chapters
 * download at once. The database stays the truth: a queued id that is no longer {@code queued} when its turn
 * comes is skipped by the job. Stopping interrupts the workers and waits for them, bounded.
 */
final class DownloadWorkers implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DownloadWorkers.class.getName());
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final int concurrency;
    private final Consumer<String> job;
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;

    /** @param job runs one download, on the worker that took it */
    DownloadWorkers(int concurrency, Consumer<String> job) {
        this.concurrency = concurrency;
        this.job = job;
    }

    synchronized void start() {
        for (int i = 0; i < concurrency; i++) {
            workers.add(Thread.ofVirtual().name("download-worker-" + i).start(this::work));
        }
    }

    /** Puts a download at the end of the queue. */
    void submit(String downloadId) {
        queue.add(downloadId);
    }

    /** Whether the workers are being stopped: a download interrupted now is paused, not failed. */
    boolean stopping() {
        return stopping;
    }

    private void work() {
        // no person waits on a download: sources may let its calls wait their turn, and serve them first
        SourceCalls.markBackground();
        while (!stopping) {
            String downloadId;
            try {
                downloadId = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                job.accept(downloadId);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Download " + downloadId + " broke its worker", e);
            }
        }
    }

    /** Stops the workers: downloads in progress stay {@code downloading} and resume at the next start. */
    @Override
    public synchronized void close() {
        stopping = true;
        workers.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread worker : workers) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !worker.join(Duration.ofNanos(left))) {
                    LOG.log(Level.WARNING, worker.getName() + " did not stop within " + STOP_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
