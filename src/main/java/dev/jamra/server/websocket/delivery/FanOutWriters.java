package dev.jamra.server.websocket.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Writes broadcasts to their recipients with a few threads instead of one per connection. Each event was already
 * queued to every recipient, in order; a pass then visits them, each visit draining one connection's queue on
 * the visiting thread. Passes wait in one line and are worked in publishing order by up to one virtual thread
 * per core (one per {@value #RECIPIENTS_PER_THREAD} recipients: a thousand are written by one, as Node.js writes
 * them), which take recipients from the oldest pass first: an event reaches all its recipients before the
 * next one takes the cores, so the last recipient of each event waits as little as it can.
 *
 * <p>A write blocks when a client stops reading and its socket fills up. The work goes on regardless: while
 * passes wait, the channel's timers look every {@code checkInterval}, mark the threads that have been on one
 * connection since before their last look as blocked, and start threads until as many as the parallelism are
 * free to work. New passes, too, count only the free threads, so that threads blocked on stalled clients do not
 * hold back the next event until the next look. A blocked thread stays with its connection until the
 * connection is cut (it is closed as a slow consumer once its queue fills), then ends if it was replaced, so
 * that cutting many stalled clients at once does not set a crowd of threads on the line.
 */
public final class FanOutWriters {

    /**
     * Recipients that keep one thread busy enough to be worth starting another for the same pass. A pass of a
     * thousand takes one core for 10-20 ms; a second thread for it shortened that little and took the core that
     * the clients on the same machine (a renderer, a desktop's other programs) needed to read what was written:
     * their wait for a core doubled, and so did the p99 of delivery (docs/PERFORMANCE.md, "Fan-out with
     * realistic clients").
     */
    static final int RECIPIENTS_PER_THREAD = 2048;

    /** Prefix of the names of fan-out threads, so that their owner (and a test) can find them. */
    public static final String THREAD_PREFIX = "ws-fanout-";

    /** Virtual threads named {@code ws-fanout-1}, {@code ws-fanout-2}...: what the channel writes with. */
    public static ThreadFactory virtualThreads() {
        return Thread.ofVirtual().name(THREAD_PREFIX, 1).factory();
    }

    private final int parallelism;
    private final Duration checkInterval;
    private final BiConsumer<Duration, Runnable> timer;
    private final ThreadFactory threadFactory;
    private final ConcurrentLinkedQueue<Pass> passes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger blocked = new AtomicInteger();  // of the threads, those the check marked blocked
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean checkPending = new AtomicBoolean();
    private long lastCheckNanos = System.nanoTime();  // only the timer's check reads and writes it

    /**
     * @param parallelism   threads that work the line together
     * @param checkInterval how often the progress of waiting passes is checked
     * @param timer         runs a task once after a delay (the channel's timers)
     * @param threads       makes the threads that write
     */
    public FanOutWriters(int parallelism, Duration checkInterval, BiConsumer<Duration, Runnable> timer,
                         ThreadFactory threads) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive, was " + parallelism);
        }
        this.parallelism = parallelism;
        this.checkInterval = checkInterval;
        this.timer = timer;
        this.threadFactory = threads;
    }

    /**
     * Starts writing to {@code recipients}, whose queues already hold what is to go out; returns at once. The
     * list becomes the pass's own: the caller must not change it afterwards.
     */
    public void write(List<ConnectionWriter> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        passes.add(new Pass(recipients));
        // a few recipients are written faster by one thread than by several taking turns at the cursor
        int wanted = Math.min(parallelism, (recipients.size() + RECIPIENTS_PER_THREAD - 1) / RECIPIENTS_PER_THREAD);
        // at most that many: a thread that is done before the next start must not make room for another
        for (int started = 0; started < wanted && startIfBelow(wanted); started++) {
            // one more
        }
        scheduleCheck();
    }

    /**
     * While passes wait, starts threads so that as many as the parallelism are free: a thread that has been
     * writing to one connection since before the last call is marked blocked on a client that does not read
     * (or starved of a core, where one more thread costs little).
     */
    private void checkProgress() {
        long lastCheck = lastCheckNanos;
        lastCheckNanos = System.nanoTime();
        if (passes.isEmpty()) {
            return;
        }
        for (Worker worker : workers) {
            long since = worker.writingSince;
            if (since != Worker.IDLE && since - lastCheck < 0 && worker.marked.compareAndSet(false, true)) {
                blocked.incrementAndGet();
            }
        }
        for (int free = freeThreads(); free < parallelism; free++) {
            start();
        }
    }

    /** Threads writing now and not marked blocked by the progress check. */
    private int freeThreads() {
        return threads.get() - blocked.get();
    }

    /**
     * Waits, until {@code deadlineNanos} at the latest, for every fan-out thread to end; at shutdown, once the
     * sockets they may be blocked on are closed.
     *
     * @return whether none is left
     */
    public boolean awaitIdle(long deadlineNanos) {
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

    /** While passes wait, checks progress every interval; the timer has nothing to do otherwise. */
    private void scheduleCheck() {
        if (checkPending.compareAndSet(false, true)) {
            timer.accept(checkInterval, () -> {
                checkPending.set(false);
                checkProgress();
                if (!passes.isEmpty()) {
                    scheduleCheck();
                }
            });
        }
    }

    /** Starts a thread unless {@code limit} are free to work; says whether it did. */
    private boolean startIfBelow(int limit) {
        int running;
        do {
            running = threads.get();
            if (running - blocked.get() >= limit) {
                return false;
            }
        } while (!threads.compareAndSet(running, running + 1));
        launch();
        return true;
    }

    private void start() {
        threads.incrementAndGet();
        launch();
    }

    private void launch() {
        try {
            threadFactory.newThread(this::work).start();
        } catch (RuntimeException | Error e) {
            stopped();
            throw e;
        }
    }

    private void work() {
        Worker self = new Worker();
        workers.add(self);
        try {
            Pass pass;
            while ((pass = passes.peek()) != null) {
                int next = pass.cursor.getAndIncrement();
                if (next < pass.recipients.size()) {
                    self.writingSince = System.nanoTime();
                    pass.recipients.get(next).drainHere();
                    self.writingSince = Worker.IDLE;
                    if (self.unblocked() && freeThreads() >= parallelism) {
                        break;  // it was replaced while blocked: the line has its threads
                    }
                } else {
                    passes.remove(pass);
                }
            }
        } finally {
            workers.remove(self);
            self.unblocked();
            stopped();
        }
        // a pass added after this thread saw the line empty, while it still counted as running, found no room
        if (!passes.isEmpty()) {
            startIfBelow(parallelism);
        }
    }

    private void stopped() {
        if (threads.decrementAndGet() == 0) {
            synchronized (threads) {
                threads.notifyAll();
            }
        }
    }

    /** A fan-out thread, as the progress check sees it. */
    private final class Worker {
        static final long IDLE = Long.MIN_VALUE;

        /** When it began writing to the connection it is on ({@link System#nanoTime()}), or {@link #IDLE}. */
        volatile long writingSince = IDLE;
        /** Marked blocked by the progress check; counted in {@link FanOutWriters#blocked} while set. */
        final AtomicBoolean marked = new AtomicBoolean();

        /** Clears the mark after a write; says whether there was one. */
        boolean unblocked() {
            if (marked.getAndSet(false)) {
                blocked.decrementAndGet();
                return true;
            }
            return false;
        }
    }

    /** One broadcast's visit of its recipients. */
    private static final class Pass {
        final List<ConnectionWriter> recipients;
        final AtomicInteger cursor = new AtomicInteger();

        Pass(List<ConnectionWriter> recipients) {
            this.recipients = recipients;
        }
    }
}
