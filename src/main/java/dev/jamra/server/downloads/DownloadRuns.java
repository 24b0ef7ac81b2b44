package dev.jamra.server.downloads;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The life of every download's run, from its claim to its cleanup, and its cancel: the one owner of both, on
 * {@link DownloadWorkers}. A run claims its download ({@code queued} to {@code downloading}) and publishes
 * {@code download:started}, hands the pages to its {@link ChapterWork}, and then ends in one of four ways:
 * completed (the work reported it), failed ({@code download:failed}), paused by the server stopping (the download
 * stays {@code downloading} and resumes at the next start), or cancelled ({@code download:cancelled}).
 *
 * <p>Exactly one side reports a cancel, which deletes the download's files and publishes
 * {@code download:cancelled}. A download a run has claimed is stopped by interrupting its worker (once, and never
 * after the run's work is over, so the next download is not hit) and the run reports the cancel as it ends; a
 * queued download, or one no run is working on, is reported by {@link #cancel} itself. A run whose download is
 * deleted without a cancel (its library item went while the chapter was being queued, so no cancel ever comes)
 * reports it the same way, as a cancel: a chapter that published {@code download:started} always gets an end.
 *
 * <p>Ordering: a cancel's database change and its signal to the run (or its report) happen under this class's
 * lock, as do a run's claim with its {@code download:started} and a run's noting that its download stopped running
 * under it.
 * A run stays registered until its cleanup is over, and a new run of the same download (cancelled and queued
 * again at once) waits for it. So a chapter queued again right after a cancel starts only after the cancel is
 * reported, files deleted and {@code download:cancelled} published.
 *
 * <p>The cleanup reads and writes the database, and a cancel may interrupt it anywhere: the database waits for a
 * connection through interrupts (see {@code storage.Database}), so the cleanup never depends on an uninterrupted
 * thread.
 */
final class DownloadRuns implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DownloadRuns.class.getName());
    /** A cancelled run stops within one interrupt; this only bounds a stuck one. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);
    /** How long a run waits for the last run of its download, cancelled and queued again, to be over. */
    private static final Duration PREVIOUS_RUN_WAIT = Duration.ofSeconds(10);

    private final DownloadStore store;
    private final DownloadEvents events;
    private final ChapterWork work;
    private final DownloadWorkers workers;
    /** The run of each download a worker holds, registered from before its claim until its cleanup is over. */
    private final ConcurrentMap<String, Run> runs = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    DownloadRuns(DownloadStore store, DownloadEvents events, ChapterWork work, int concurrency) {
        this.store = store;
        this.events = events;
        this.work = work;
        this.workers = new DownloadWorkers(concurrency, this::run);
    }

    void start() {
        workers.start();
    }

    /** Queues a run of the download; it runs when a worker is free, if the download is still queued then. */
    void submit(String downloadId) {
        workers.submit(downloadId);
    }

    /**
     * Cancels a queued or running download, and returns once the cancel is over: the download's files deleted and
     * {@code download:cancelled} published. A download in another state is left as it is.
     *
     * @return the download as it was before, empty when unknown
     */
    Optional<Download> cancel(String downloadId) {
        Optional<Download> before;
        Run reporting = null;
        lock.lock();
        try {
            before = store.db().write(c -> store.rows().cancel(c, downloadId));
            if (before.isPresent() && before.get().status().active()) {
                // only a downloading download has a run at work on it; a queued one's next claim finds it cancelled
                Run run = before.get().status() == DownloadStatus.DOWNLOADING ? runs.get(downloadId) : null;
                if (run != null && run.cancel()) {
                    reporting = run;
                } else {
                    reportCancelled(downloadId, before.get().chapterId());
                }
            }
        } finally {
            lock.unlock();
        }
        if (reporting != null) {
            awaitRelease(reporting);
        }
        return before;
    }

    /** Stops the workers; running downloads stay {@code downloading} and resume at the next start. */
    @Override
    public void close() {
        workers.close();
    }

    /** One run, on the worker that took the download from the queue. */
    private void run(String downloadId) {
        Run run = register(downloadId);
        if (run == null) {
            return;
        }
        try {
            claim(run).ifPresent(download -> download(run, download));
        } finally {
            boolean cancelled = run.endWork();
            // A cancel may have interrupted the worker just before; it must not leak into the next download.
            Thread.interrupted();
            try {
                if (cancelled) {
                    reportCancelled(downloadId, run.chapterId());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Could not report the cancel of download " + downloadId, e);
            } finally {
                runs.remove(downloadId, run);
                run.release();
            }
        }
    }

    /** Registers a run of the download, once its last run is over; null when that takes too long (queued again). */
    private Run register(String downloadId) {
        Run run = new Run(downloadId, Thread.currentThread());
        Run previous;
        while ((previous = runs.putIfAbsent(downloadId, run)) != null) {
            try {
                if (!previous.awaitRelease(PREVIOUS_RUN_WAIT)) {
                    LOG.log(Level.WARNING, "Download " + downloadId + " is still winding down; trying it later");
                    workers.submit(downloadId);
                    return null;
                }
            } catch (InterruptedException e) {
                // the server is stopping: the download stays queued in the database and runs at the next start
                return null;
            }
        }
        return run;
    }

    private Optional<Download> claim(Run run) {
        lock.lock();
        try {
            Optional<Download> claimed = store.db().write(c -> store.rows().claim(c, run.downloadId, store.now()));
            claimed.ifPresent(download -> {
                run.claim(download.chapterId());
                events.started(download);
            });
            return claimed;
        } finally {
            lock.unlock();
        }
    }

    private void download(Run run, Download download) {
        String failure;
        try {
            work.download(download, run::cancelled);
            return;
        } catch (Exception e) {
            // A cancel or a stop interrupts whatever the work was at (a fetch, a source, a wait for the database),
            // and a removal takes its rows away: then what failed is no failure of the download's own.
            boolean routine = run.cancelled() || workers.stopping() || !isRunning(download);
            failure = routine ? null : work.failureOf(download, e);
        }
        // the interrupt that stopped the work is spent here
        Thread.interrupted();
        endUnfinished(run, download, failure);
    }

    /** Ends a run that did not complete: cancelled or removed, paused by the server stopping, or failed. */
    private void endUnfinished(Run run, Download download, String failure) {
        if (run.cancelled() || !isRunning(download)) {
            // cancelled, or removed with its library item while the chapter was being queued (no cancel will come):
            // either way the run reports it as a cancel as it ends
            countAsCancelled(run);
            return;
        }
        if (workers.stopping()) {
            LOG.log(Level.INFO, () -> "Download " + download.id() + " paused by the server stopping");
            return;
        }
        String error = failure == null ? "Interrupted" : failure;
        boolean failed = store.db().write(c -> store.rows().fail(c, download.id(), error));
        store.files().delete(download.id());
        if (failed) {
            LOG.log(Level.INFO, () -> "Download " + download.id() + " failed: " + error);
            events.failed(download, error);
        }
    }

    /**
     * Counts a run whose download stopped running under it as cancelled. Under the lock, so that a cancel that changed
     * the download but has not yet signalled the run is over first: it then counts on the run to report.
     */
    private void countAsCancelled(Run run) {
        lock.lock();
        try {
            run.markCancelled();
        } finally {
            lock.unlock();
        }
    }

    private boolean isRunning(Download download) {
        return store.db().read(c -> store.rows().isRunning(c, download.id()));
    }

    private void reportCancelled(String downloadId, String chapterId) {
        store.files().delete(downloadId);
        LOG.log(Level.INFO, () -> "Download " + downloadId + " cancelled");
        events.cancelled(downloadId, chapterId);
    }

    private void awaitRelease(Run run) {
        try {
            if (!run.awaitRelease(CANCEL_WAIT)) {
                LOG.log(Level.WARNING, "Download " + run.downloadId + " did not stop within " + CANCEL_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One worker's run of one download, as a cancel sees it: before its claim (nothing to stop: the database says
     * the download is cancelled), claimed (the worker is interrupted, and the run reports), then its work over
     * (the cancelling caller reports), then released: its cleanup is over, and the next run of the download may
     * start.
     */
    private static final class Run {
        private final String downloadId;
        private final Thread worker;
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean cancelled;
        private boolean claimed;
        private boolean workEnded;
        private String chapterId;

        Run(String downloadId, Thread worker) {
            this.downloadId = downloadId;
            this.worker = worker;
        }

        synchronized void claim(String chapterId) {
            this.claimed = true;
            this.chapterId = chapterId;
        }

        synchronized String chapterId() {
            return chapterId;
        }

        boolean cancelled() {
            return cancelled;
        }

        /**
         * Cancels a claimed run whose work is not over: its worker's blocking fetches and waits end with an
         * interrupt. The database lets one cancel through per claim, so a cleanup is never interrupted twice.
         *
         * @return whether the run reports the cancel itself; if not, the caller does
         */
        synchronized boolean cancel() {
            if (!claimed || workEnded) {
                return false;
            }
            cancelled = true;
            worker.interrupt();
            return true;
        }

        /** The download stopped running under the run: it reports that as a cancel, uninterrupted. */
        synchronized void markCancelled() {
            cancelled = true;
        }

        /** The worker is done with the download and takes no more interrupts; returns whether it reports a cancel. */
        synchronized boolean endWork() {
            workEnded = true;
            return cancelled;
        }

        /** Everything about the run is finished, a cancel reported included. */
        void release() {
            released.countDown();
        }

        boolean awaitRelease(Duration timeout) throws InterruptedException {
            return released.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
