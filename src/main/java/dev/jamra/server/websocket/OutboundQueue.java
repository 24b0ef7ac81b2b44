package dev.jamra.server.websocket;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection's outbound messages: many publishers offer, one writer at a time takes. Offering never
 * blocks. Text messages are bounded by a capacity; when it is reached, waiting {@code download:progress}
 * messages collapse to the newest per download, and if the queue is still full the offer is refused so the
 * caller can drop the slow consumer. Control frames (ping, pong) jump the line and do not count.
 *
 * <p>The queue also decides when a writer runs. The first offer that finds no writer is told to start one
 * ({@link Offer#START_WRITER}, or {@code true} from the control methods); the writer takes frames with
 * {@link #next(long)}, which waits a little for more before it releases the claim. So a steady stream is
 * written by one thread, an idle connection has none, and no frame is ever left without a writer.
 */
final class OutboundQueue {

    /** The answer to an offer. */
    enum Offer { QUEUED, START_WRITER, FULL, CLOSED }

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    private final ArrayDeque<Outbound.Text> messages = new ArrayDeque<>(4);
    private Outbound.Pong pong;
    private boolean ping;
    private Outbound.Close close;
    private boolean closeTaken;
    private boolean ended;
    private boolean writing;
    private boolean writerWaiting;

    OutboundQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    Offer offer(Outbound.Text message) {
        lock.lock();
        try {
            if (close != null || ended) {
                return Offer.CLOSED;
            }
            if (messages.size() >= capacity) {
                collapseProgress(message.progressOf());
                if (messages.size() >= capacity) {
                    return Offer.FULL;
                }
            }
            messages.addLast(message);
            return workAdded() ? Offer.START_WRITER : Offer.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks for a heartbeat ping; one pending ping is enough.
     *
     * @return whether the caller must start a writer
     */
    boolean ping() {
        lock.lock();
        try {
            if (close != null || ended) {
                return false;
            }
            ping = true;
            return workAdded();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Answers a client's ping; only the newest pending pong is kept, as RFC 6455 allows.
     *
     * @return whether the caller must start a writer
     */
    boolean pong(byte[] payload) {
        lock.lock();
        try {
            if (close != null || ended) {
                return false;
            }
            pong = new Outbound.Pong(payload);
            return workAdded();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes {@code frame} the last thing the writer sends, after what is queued unless {@code discardPending}.
     *
     * @return {@code null} when the queue was already closing or ended, else whether the caller must start a
     *         writer
     */
    Boolean close(Outbound.Close frame, boolean discardPending) {
        lock.lock();
        try {
            if (close != null || ended) {
                return null;
            }
            close = frame;
            if (discardPending) {
                messages.clear();
                ping = false;
                pong = null;
            }
            return workAdded();
        } finally {
            lock.unlock();
        }
    }

    /** The connection is gone: drop everything and let the writer go. */
    void end() {
        lock.lock();
        try {
            ended = true;
            messages.clear();
            pong = null;
            ping = false;
            workArrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * For the writer: the next frame, waiting up to {@code lingerNanos} for one; {@code null} when there is
     * none, which releases the writer's claim (after the close frame or the end, nothing more comes).
     */
    Outbound next(long lingerNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = lingerNanos;
            while (true) {
                Outbound next = poll();
                if (next != null) {
                    return next;
                }
                if (ended || closeTaken || remaining <= 0) {
                    writing = false;
                    return null;
                }
                writerWaiting = true;
                try {
                    remaining = workArrived.awaitNanos(remaining);
                } finally {
                    writerWaiting = false;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock, after adding work: wakes a waiting writer, or says that one must be started. */
    private boolean workAdded() {
        if (!writing) {
            writing = true;
            return true;
        }
        if (writerWaiting) {
            workArrived.signal();
        }
        return false;
    }

    private Outbound poll() {
        if (ended || closeTaken) {
            return null;
        }
        if (pong != null) {
            Outbound next = pong;
            pong = null;
            return next;
        }
        if (ping) {
            ping = false;
            return new Outbound.Ping();
        }
        Outbound next = messages.pollFirst();
        if (next == null && close != null) {
            closeTaken = true;
            next = close;
        }
        return next;
    }

    /**
     * Keeps only the newest waiting progress message of each download; an incoming progress message for
     * {@code incomingProgressOf} counts as newest, so every waiting one of that download goes.
     */
    private void collapseProgress(String incomingProgressOf) {
        Set<String> newer = new HashSet<>();
        if (incomingProgressOf != null) {
            newer.add(incomingProgressOf);
        }
        Iterator<Outbound.Text> newestFirst = messages.descendingIterator();
        while (newestFirst.hasNext()) {
            String download = newestFirst.next().progressOf();
            if (download != null && !newer.add(download)) {
                newestFirst.remove();
            }
        }
    }
}
