package dev.jamra.server.websocket;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One connection's outbound messages: many publishers offer, one writer at a time takes. Offering never
 * blocks and takes no lock. Text messages are bounded by a capacity; when it is reached, waiting
 * {@code download:progress} messages collapse to the newest per download, and if the queue is still full the
 * offer is refused so the caller can drop the slow consumer. Control frames (ping, pong) jump the line and do
 * not count.
 *
 * <p>The queue also runs its writer's life. The first work that finds no writer is told to start one
 * ({@link Offer#START_WRITER}, or {@code true} from the control methods). A writer with nothing to do parks
 * in {@link #next()} and the next offer unparks it, so a steady stream is written by one thread; when it has
 * been idle for a while, {@link #retireIfIdle} sends it away, so an idle connection holds no thread.
 */
final class OutboundQueue {

    /** The answer to an offer. */
    enum Offer { QUEUED, START_WRITER, FULL, CLOSED }

    // Writer states: none, running (or about to), parked waiting for work.
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int PARKED = 2;

    private final int capacity;
    private final ConcurrentLinkedQueue<Outbound.Text> messages = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger writerState = new AtomicInteger(IDLE);
    private final AtomicReference<Outbound.Pong> pong = new AtomicReference<>();
    private volatile boolean ping;
    private volatile Outbound.Close close;
    private volatile boolean closeTaken;
    private volatile boolean ended;
    private volatile boolean retire;
    private volatile Thread parkedWriter;  // kept only while a writer runs, so an ended one can be collected
    private volatile long lastWorkNanos = System.nanoTime();

    OutboundQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    Offer offer(Outbound.Text message) {
        if (close != null || ended) {
            return Offer.CLOSED;
        }
        if (size.get() >= capacity) {
            collapseProgress(message.progressOf());
            if (size.get() >= capacity) {
                return Offer.FULL;
            }
        }
        messages.add(message);
        size.incrementAndGet();
        return workAdded() ? Offer.START_WRITER : Offer.QUEUED;
    }

    /**
     * Asks for a heartbeat ping; one pending ping is enough.
     *
     * @return whether the caller must start a writer
     */
    boolean ping() {
        if (close != null || ended) {
            return false;
        }
        ping = true;
        return workAdded();
    }

    /**
     * Answers a client's ping; only the newest pending pong is kept, as RFC 6455 allows.
     *
     * @return whether the caller must start a writer
     */
    boolean pong(byte[] payload) {
        if (close != null || ended) {
            return false;
        }
        pong.set(new Outbound.Pong(payload));
        return workAdded();
    }

    /**
     * Makes {@code frame} the last thing the writer sends, after what is queued unless {@code discardPending}.
     *
     * @return {@code null} when the queue was already closing or ended, else whether the caller must start a
     *         writer
     */
    synchronized Boolean close(Outbound.Close frame, boolean discardPending) {
        if (close != null || ended) {
            return null;
        }
        if (discardPending) {
            messages.clear();
            size.set(0);
            ping = false;
            pong.set(null);
        }
        close = frame;
        return workAdded();
    }

    /** The connection is gone: drop everything and let the writer go. */
    void end() {
        ended = true;
        messages.clear();
        size.set(0);
        pong.set(null);
        wakeParkedWriter();
    }

    /**
     * Sends a parked writer away if the queue has had no work for {@code idleNanos}; it ends, and the next
     * work starts a new one.
     */
    void retireIfIdle(long idleNanos) {
        if (writerState.get() == PARKED && System.nanoTime() - lastWorkNanos > idleNanos) {
            retire = true;
            wakeParkedWriter();
        }
    }

    /**
     * For the writer: the next frame, parking until there is one; {@code null} when the writer must end (the
     * close frame was sent, the connection ended, or the writer was retired), which releases its claim.
     */
    Outbound next() throws InterruptedException {
        while (true) {
            Outbound next = poll();
            if (next != null) {
                return next;
            }
            if (ended || closeTaken || retire) {
                retire = false;
                parkedWriter = null;  // before IDLE: a writer started after that may park and set it
                writerState.set(IDLE);
                // work that came in meanwhile saw a running writer and did not start one: take it back
                if (!hasWork() || ended || closeTaken || !writerState.compareAndSet(IDLE, RUNNING)) {
                    return null;
                }
                continue;
            }
            parkedWriter = Thread.currentThread();
            writerState.set(PARKED);
            if (hasWork() || ended || retire) {
                // raced with an offer that saw RUNNING: do not sleep on its work
                writerState.compareAndSet(PARKED, RUNNING);
                continue;
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                parkedWriter = null;
                writerState.set(IDLE);
                throw new InterruptedException();
            }
            writerState.compareAndSet(PARKED, RUNNING);
        }
    }

    /** The next frame if there is one, without waiting or touching the writer's state; for tests. */
    Outbound takeNow() {
        return poll();
    }

    int size() {
        return size.get();
    }

    /** After adding work: says whether a writer must be started, waking a parked one instead if there is one. */
    private boolean workAdded() {
        lastWorkNanos = System.nanoTime();
        while (true) {
            int state = writerState.get();
            if (state == RUNNING) {
                return false;
            }
            if (state == PARKED) {
                if (writerState.compareAndSet(PARKED, RUNNING)) {
                    LockSupport.unpark(parkedWriter);
                    return false;
                }
            } else if (writerState.compareAndSet(IDLE, RUNNING)) {
                return true;
            }
        }
    }

    private void wakeParkedWriter() {
        if (writerState.compareAndSet(PARKED, RUNNING)) {
            LockSupport.unpark(parkedWriter);
        }
    }

    private boolean hasWork() {
        return pong.get() != null || ping || !messages.isEmpty() || (close != null && !closeTaken);
    }

    private Outbound poll() {
        if (ended || closeTaken) {
            return null;
        }
        Outbound.Pong answer = pong.getAndSet(null);
        if (answer != null) {
            return answer;
        }
        if (ping) {
            ping = false;
            return new Outbound.Ping();
        }
        Outbound.Text next = messages.poll();
        if (next != null) {
            size.decrementAndGet();
            return next;
        }
        Outbound.Close last = close;
        if (last != null) {
            closeTaken = true;
            return last;
        }
        return null;
    }

    /**
     * Keeps only the newest waiting progress message of each download; an incoming progress message for
     * {@code incomingProgressOf} counts as newest, so every waiting one of that download goes. Runs only when
     * the queue is full, which publishers reach one at a time.
     */
    private synchronized void collapseProgress(String incomingProgressOf) {
        Set<String> newer = new HashSet<>();
        if (incomingProgressOf != null) {
            newer.add(incomingProgressOf);
        }
        // newest first: walk a snapshot backwards, then remove the superseded ones
        Outbound.Text[] waiting = messages.toArray(new Outbound.Text[0]);
        Set<Outbound.Text> superseded = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = waiting.length - 1; i >= 0; i--) {
            String download = waiting[i].progressOf();
            if (download != null && !newer.add(download)) {
                superseded.add(waiting[i]);
            }
        }
        if (messages.removeIf(superseded::contains)) {
            size.set(messages.size());
        }
    }
}
