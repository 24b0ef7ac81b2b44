package dev.jamra.server.downloads;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
    private static final Duration PREVIOUS_RUN_WAIT = Duration.ofSeconds(10);

    private final int concurrency;
    private final Consumer<RunningDownload> job;
    private final Consumer<RunningDownload> reportCancel;
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final ConcurrentMap<String, RunningDownload> running = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param job          runs one download
     * @param reportCancel reports a download cancelled while its run was going on, before the worker moves on
     */
    DownloadWorkers(int concurrency, Consumer<RunningDownload> job, Consumer<RunningDownload> reportCancel) {
        this.concurrency = concurrency;
        this.job = job;
        this.reportCancel = reportCancel;
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

    boolean stopping() {
        return stopping;
    }

    /**
     * Cancels the run of a download if one is going on.
     *
     * @return the run when it reports the cancel itself (the caller may wait for it); empty when the caller must
     */
    Optional<RunningDownload> cancel(String downloadId) {
        RunningDownload run = running.get(downloadId);
        return run != null && run.cancel() ? Optional.of(run) : Optional.empty();
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
            runOne(downloadId);
        }
    }

    private void runOne(String downloadId) {
        RunningDownload run = new RunningDownload(downloadId, Thread.currentThread());
        RunningDownload previous;
        while ((previous = running.putIfAbsent(downloadId, run)) != null) {
            // The same download was cancelled and queued again while its last run was still winding down.
            try {
                if (!previous.awaitDone(PREVIOUS_RUN_WAIT)) {
                    LOG.log(Level.WARNING, "Download " + downloadId + " is still winding down; trying it later");
                    queue.add(downloadId);
                    return;
                }
            } catch (InterruptedException e) {
                queue.add(downloadId);
                return;
            }
        }
        try {
            job.accept(run);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Download " + downloadId + " broke its worker", e);
        } finally {
            boolean cancelled = run.end();
            // A cancel may have interrupted us just before the end; it must not leak into the next download.
            Thread.interrupted();
            try {
                if (cancelled) {
                    reportCancel.accept(run);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Could not report the cancel of download " + downloadId, e);
            } finally {
                // Registered until its cleanup is over: a new run of the same download waits for this one to end.
                running.remove(downloadId, run);
                run.done();
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
