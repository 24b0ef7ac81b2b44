package dev.jamra.server.websocket.delivery;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.jamra.server.events.CoalesceKey;

/**
 * One connection's frames waiting to be written: many threads add, one drainer at a time takes (its
 * {@link ConnectionWriter} makes sure of that). Adding never blocks and takes no lock. Text messages are bounded
 * by a capacity, in messages and in bytes ({@link OutgoingFrame.Text#weight()}; a message always fits an empty
 * queue); when either is reached, waiting messages that carry a coalesce key (progress reports) collapse to the
 * newest per key, and if the queue is still full the offer is refused so the caller can drop the slow consumer.
 * Control frames (ping, pong) jump the line and do not count; the close frame comes last and ends the queue.
 */
public final class FrameQueue {

    /** The answer to an offer. */
    public enum Offer { QUEUED, FULL, CLOSED }

    /** The answer to a close: the close frame is now the last thing to send, or a close was already asked for. */
    public enum Closing { STARTED, ALREADY }

    private final int capacity;
    private final long maxBytes;
    private final ConcurrentLinkedQueue<OutgoingFrame.Text> messages = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicReference<OutgoingFrame.Pong> pong = new AtomicReference<>();
    private volatile boolean ping;
    private volatile OutgoingFrame.Close close;
    private volatile boolean closeTaken;
    private volatile boolean ended;

    FrameQueue(QueueLimits limits) {
        this.capacity = limits.messages();
        this.maxBytes = limits.bytes();
    }

    Offer offer(OutgoingFrame.Text message) {
        if (close != null || ended) {
            return Offer.CLOSED;
        }
        long weight = message.weight();
        if (isFull(weight)) {
            collapse(message.coalesceKey());
            if (isFull(weight)) {
                return Offer.FULL;
            }
        }
        messages.add(message);
        size.incrementAndGet();
        bytes.addAndGet(weight);
        return Offer.QUEUED;
    }

    /** Whether a message of {@code weight} bytes would overflow the queue. */
    private boolean isFull(long weight) {
        return size.get() >= capacity || (size.get() > 0 && bytes.get() + weight > maxBytes);
    }

    /**
     * Asks for a heartbeat ping; one pending ping is enough.
     *
     * @return whether it was queued (not when closing)
     */
    boolean ping() {
        if (close != null || ended) {
            return false;
        }
        ping = true;
        return true;
    }

    /**
     * Answers a client's ping; only the newest pending pong is kept, as RFC 6455 allows.
     *
     * @return whether it was queued (not when closing)
     */
    boolean pong(byte[] payload) {
        if (close != null || ended) {
            return false;
        }
        pong.set(new OutgoingFrame.Pong(payload));
        return true;
    }

    /** Makes {@code frame} the last thing to send, after what is queued unless {@code discardPending}. */
    synchronized Closing close(OutgoingFrame.Close frame, boolean discardPending) {
        if (close != null || ended) {
            return Closing.ALREADY;
        }
        if (discardPending) {
            messages.clear();
            size.set(0);
            ping = false;
            pong.set(null);
        }
        close = frame;
        return Closing.STARTED;
    }

    /** The connection is gone: drop everything; nothing more is taken. */
    void end() {
        ended = true;
        messages.clear();
        size.set(0);
        pong.set(null);
    }

    /** Whether nothing more will be taken: the close frame was, or the connection ended. */
    boolean finished() {
        return ended || closeTaken;
    }

    /** Whether {@link #poll()} would give a frame now. */
    boolean hasWork() {
        return !finished() && (pong.get() != null || ping || !messages.isEmpty() || close != null);
    }

    /** The next frame: pong, ping, text messages in order, the close frame last; {@code null} when none. */
    OutgoingFrame poll() {
        if (finished()) {
            return null;
        }
        OutgoingFrame.Pong answer = pong.getAndSet(null);
        if (answer != null) {
            return answer;
        }
        if (ping) {
            ping = false;
            return new OutgoingFrame.Ping();
        }
        OutgoingFrame.Text next = pollText();
        if (next != null) {
            return next;
        }
        OutgoingFrame.Close last = close;
        if (last != null) {
            closeTaken = true;
            return last;
        }
        return null;
    }

    /** The next text message if one waits and no control frame goes before it; for writing several at once. */
    OutgoingFrame.Text pollTextIfNext() {
        if (finished() || ping || pong.get() != null) {
            return null;
        }
        return pollText();
    }

    int size() {
        return size.get();
    }

    private OutgoingFrame.Text pollText() {
        OutgoingFrame.Text next = messages.poll();
        if (next != null) {
            size.decrementAndGet();
            bytes.addAndGet(-next.weight());
        }
        return next;
    }

    /**
     * Keeps only the newest waiting message of each coalesce key; an incoming message with {@code incomingKey}
     * counts as newest, so every waiting one with that key goes. Runs only when the queue is full, which
     * publishers reach one at a time.
     */
    private synchronized void collapse(CoalesceKey incomingKey) {
        Set<CoalesceKey> newer = new HashSet<>();
        if (incomingKey != null) {
            newer.add(incomingKey);
        }
        // newest first: walk a snapshot backwards, then remove the superseded ones
        OutgoingFrame.Text[] waiting = messages.toArray(new OutgoingFrame.Text[0]);
        Set<OutgoingFrame.Text> superseded = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = waiting.length - 1; i >= 0; i--) {
            CoalesceKey key = waiting[i].coalesceKey();
            if (key != null && !newer.add(key)) {
                superseded.add(waiting[i]);
            }
        }
        for (OutgoingFrame.Text gone : superseded) {
            // one by one: only a removal this call made counts (the drainer may have taken the message meanwhile)
            if (messages.remove(gone)) {
                size.decrementAndGet();
                bytes.addAndGet(-gone.weight());
            }
        }
    }
}
