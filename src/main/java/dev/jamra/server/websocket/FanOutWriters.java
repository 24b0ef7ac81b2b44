package dev.jamra.server.websocket;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a broadcast to its recipients with a few threads instead of one per connection. The event was already
 * queued to every recipient, in order; a pass then visits them, each visit draining one connection's queue on the
 * visiting thread. A pass starts with one virtual thread per {@value #RECIPIENTS_PER_THREAD} recipients, up to one
 * per core, which take recipients from one shared cursor.
 *
 * <p>A write blocks when a client stops reading and its socket fills up. The pass goes on regardless:
 * {@link #checkProgress()}, run by the channel's timer every few milliseconds, adds a thread to every pass that
 * has not moved since the last check. The blocked thread stays with its connection until the connection is cut
 * (it is closed as a slow consumer once its queue fills), then rejoins its pass or ends.
 */
final class FanOutWriters {

    /** Recipients that keep one thread busy enough to be worth starting another. */
    static final int RECIPIENTS_PER_THREAD = 256;

    /** Prefix of the names of fan-out threads, so that their owner (and a test) can find them. */
    static final String THREAD_PREFIX = "ws-fanout-";

    private final int maxThreadsPerPass;
    private final Set<Pass> passes = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger passNumber = new AtomicInteger();

    FanOutWriters(int maxThreadsPerPass) {
        if (maxThreadsPerPass < 1) {
            throw new IllegalArgumentException("maxThreadsPerPass must be positive, was " + maxThreadsPerPass);
        }
        this.maxThreadsPerPass = maxThreadsPerPass;
    }

    /** Starts writing to {@code recipients}, whose queues already hold what is to go out; returns at once. */
    void write(List<ConnectionWriter> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        Pass pass = new Pass(passNumber.incrementAndGet(), recipients.toArray(ConnectionWriter[]::new));
        passes.add(pass);
        int wanted = Math.min(maxThreadsPerPass,
                (recipients.size() + RECIPIENTS_PER_THREAD - 1) / RECIPIENTS_PER_THREAD);
        for (int i = 0; i < wanted; i++) {
            start(pass);
        }
    }

    /** Gives one more thread to every pass that made no progress since the last call. */
    void checkProgress() {
        for (Pass pass : passes) {
            int reached = pass.cursor.get();
            if (reached == pass.seenAtLastCheck && reached < pass.recipients.length) {
                start(pass);
            }
            pass.seenAtLastCheck = reached;
        }
    }

    /** Threads writing now (running, or blocked on a socket). */
    int activeThreads() {
        return threads.get();
    }

    /** Passes not yet finished. */
    int activePasses() {
        return passes.size();
    }

    private void start(Pass pass) {
        threads.incrementAndGet();
        try {
            Thread.ofVirtual().name(THREAD_PREFIX + pass.number).start(() -> run(pass));
        } catch (RuntimeException | Error e) {
            threads.decrementAndGet();
            throw e;
        }
    }

    private void run(Pass pass) {
        try {
            int next;
            while ((next = pass.cursor.getAndIncrement()) < pass.recipients.length) {
                pass.recipients[next].drainHere();
            }
            passes.remove(pass);
        } finally {
            if (threads.decrementAndGet() == 0) {
                synchronized (threads) {
                    threads.notifyAll();
                }
            }
        }
    }

    /**
     * Waits, until {@code deadlineNanos} at the latest, for every fan-out thread to end; at shutdown, once the
     * sockets they may be blocked on are closed.
     *
     * @return whether none is left
     */
    boolean awaitIdle(long deadlineNanos) {
        synchronized (threads) {
            long remaining;
            while (threads.get() > 0 && (remaining = deadlineNanos - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(threads, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return threads.get() == 0;
        }
    }

    /** One broadcast's visit of its recipients. */
    private static final class Pass {
        final int number;
        final ConnectionWriter[] recipients;
        final AtomicInteger cursor = new AtomicInteger();
        volatile int seenAtLastCheck = -1;  // only the timer thread writes it

        Pass(int number, ConnectionWriter[] recipients) {
            this.number = number;
            this.recipients = recipients;
        }
    }
}
