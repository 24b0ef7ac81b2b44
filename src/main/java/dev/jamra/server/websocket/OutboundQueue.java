package dev.jamra.server.websocket;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * One connection's outbound messages: many publishers offer, one writer at a time takes. Offering never
 * blocks. Text messages are bounded by a capacity; when it is reached, waiting {@code download:progress}
 * messages collapse to the newest per download, and if the queue is still full the offer is refused so the
 * caller can drop the slow consumer. Control frames (ping, pong) jump the line and do not count.
 *
 * <p>The queue also decides when a writer runs: {@link #claimWriter()} says yes to exactly one caller while
 * there is work and no writer, and {@link #next()} releases the claim when it finds nothing more. So an idle
 * connection has no writer thread at all, and no message is ever left without one.
 */
final class OutboundQueue {

    /** The answer to an offer. */
    enum Offer { QUEUED, FULL, CLOSED }

    private final int capacity;
    private final ArrayDeque<Outbound.Text> messages = new ArrayDeque<>(4);
    private Outbound.Pong pong;
    private boolean ping;
    private Outbound.Close close;
    private boolean closeTaken;
    private boolean ended;
    private boolean writing;

    OutboundQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized Offer offer(Outbound.Text message) {
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
        return Offer.QUEUED;
    }

    /** Asks for a heartbeat ping; one pending ping is enough. */
    synchronized void ping() {
        if (close == null && !ended) {
            ping = true;
        }
    }

    /** Answers a client's ping; only the newest pending pong is kept, as RFC 6455 allows. */
    synchronized void pong(byte[] payload) {
        if (close == null && !ended) {
            pong = new Outbound.Pong(payload);
        }
    }

    /**
     * Makes {@code frame} the last thing the writer sends, after what is queued unless {@code discardPending}.
     *
     * @return false when the queue was already closing or ended
     */
    synchronized boolean close(Outbound.Close frame, boolean discardPending) {
        if (close != null || ended) {
            return false;
        }
        close = frame;
        if (discardPending) {
            messages.clear();
            ping = false;
            pong = null;
        }
        return true;
    }

    /** The connection is gone: drop everything; the writer stops at its next {@link #next()}. */
    synchronized void end() {
        ended = true;
        messages.clear();
        pong = null;
        ping = false;
    }

    /**
     * Whether the caller should start a writer: true for exactly one caller while there is something to send
     * and no writer is running.
     */
    synchronized boolean claimWriter() {
        if (writing || ended || !hasWork()) {
            return false;
        }
        writing = true;
        return true;
    }

    /**
     * For the writer: the next frame, or {@code null} when there is nothing left, which ends the writer's claim
     * (after the close frame nothing more is ever handed out).
     */
    synchronized Outbound next() {
        Outbound next = poll();
        if (next == null) {
            writing = false;
        }
        return next;
    }

    synchronized int size() {
        return messages.size();
    }

    private boolean hasWork() {
        return pong != null || ping || !messages.isEmpty() || (close != null && !closeTaken);
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
