package dev.jamra.server.downloads;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One worker running one download, and the hand-off with a cancel: exactly one of them publishes
 * {@code download:cancelled}. Once the run has claimed its download, a cancel interrupts the worker, which reports
 * the cancel itself before it takes the next download (so that chapter's {@code download:started} comes after);
 * before the claim or after the end, the cancelling caller reports it. A cancel never interrupts the worker once
 * the run is over, so it cannot hit the next download. A run whose download is deleted without any cancel (see
 * {@link #cancelForRemoval()}) reports it the same way, as a cancel.
 */
final class RunningDownload {
    private final String downloadId;
    private final Thread worker;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean cancelled;
    private boolean claimed;
    private boolean ended;
    private String chapterId;

    RunningDownload(String downloadId, Thread worker) {
        this.downloadId = downloadId;
        this.worker = worker;
    }

    String downloadId() {
        return downloadId;
    }

    synchronized String chapterId() {
        return chapterId;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** The worker claimed the download; false when it was cancelled first and the run must stop quietly. */
    synchronized boolean markClaimed(String chapterId) {
        if (cancelled) {
            return false;
        }
        this.claimed = true;
        this.chapterId = chapterId;
        return true;
    }

    /**
     * Cancels the run: blocking fetches and back-off waits end with an interrupt.
     *
     * @return whether the run reports the cancel itself; if not, the caller does
     */
    synchronized boolean cancel() {
        boolean first = !cancelled;
        cancelled = true;
        if (claimed && !ended) {
            if (first) {
                // once: a second cancel must not interrupt the cleanup of the first
                worker.interrupt();
            }
            return true;
        }
        return false;
    }

    /**
     * The download was deleted without a cancel reaching this run: from now on the run counts as cancelled, and
     * reports it at its end. Nothing changes when a cancel came first (it reports itself).
     */
    synchronized void cancelForRemoval() {
        cancelled = true;
    }

    /** The worker is done with the download; returns whether it must now report a cancel. */
    synchronized boolean end() {
        ended = true;
        return cancelled && claimed;
    }

    /** Everything about the run is finished, its cancel reported. */
    void done() {
        done.countDown();
    }

    boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
