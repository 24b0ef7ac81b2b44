package dev.jamra.server.websocket;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection's outbound messages: many publishers offer, one writer takes. Offering never blocks. Text
 * messages are bounded by a capacity; when it is reached, waiting {@code download:progress} messages collapse
 * to the newest per download, and if the queue is still full the offer is refused so the caller can drop the
 * slow consumer. Control frames (ping, pong) jump the line and do not count.
 */
final class OutboundQueue {

    /** The answer to an offer. */
    enum Offer { QUEUED, FULL, CLOSED }

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Outbound.Text> messages = new ArrayDeque<>();
    private Outbound.Pong pong;
    private boolean ping;
    private Outbound.Close close;
    private boolean ended;

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
            changed.signal();
            return Offer.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    /** Asks for a heartbeat ping; one pending ping is enough. */
    void ping() {
        lock.lock();
        try {
            if (close == null && !ended) {
                ping = true;
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Answers a client's ping; only the newest pending pong is kept, as RFC 6455 allows. */
    void pong(byte[] payload) {
        lock.lock();
        try {
            if (close == null && !ended) {
                pong = new Outbound.Pong(payload);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes {@code frame} the last thing the writer sends, after what is queued unless {@code discardPending}.
     *
     * @return false when the queue was already closing or ended
     */
    boolean close(Outbound.Close frame, boolean discardPending) {
        lock.lock();
        try {
            if (close != null || ended) {
                return false;
            }
            close = frame;
            if (discardPending) {
                messages.clear();
                ping = false;
                pong = null;
            }
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The connection is gone: drop everything and release the writer. */
    void end() {
        lock.lock();
        try {
            ended = true;
            messages.clear();
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next frame to write, waiting for one; {@code null} once the queue has ended or handed out its close
     * frame, which tells the writer to stop.
     */
    Outbound take() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                Outbound next = poll();
                if (next != null || ended) {
                    return next;
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #take()} but gives up after the timeout, returning {@code null}; for tests. */
    Outbound take(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (true) {
                Outbound next = poll();
                if (next != null || ended || nanos <= 0) {
                    return next;
                }
                nanos = changed.awaitNanos(nanos);
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

    private Outbound poll() {
        if (ended) {
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
            next = close;
            ended = true;
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
