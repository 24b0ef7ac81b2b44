package dev.jamra.server.websocket.delivery;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes one connection's frames to its socket, in order, one thread at a time. Frames wait in a
 * {@link FrameQueue}; whoever claims the writer drains it and lets go when it is empty:
 * <ul>
 *     <li>for broadcasts, one of the {@link FanOutWriters} that visit every recipient of an event: a steady
 *     stream costs no thread per connection and no hand-off per message;</li>
 *     <li>for everything else (connect, acknowledgements, replays, pings, pongs, the close frame), a virtual
 *     thread of its own, {@code ws-writer-<session id>}, which ends once the queue is empty.</li>
 * </ul>
 * Texts that waited are written together in one socket write. A connection holds a thread only while something
 * is being written to it.
 */
public final class ConnectionWriter {
    private static final System.Logger LOG = System.getLogger(ConnectionWriter.class.getName());

    /** Prefix of the names of the threads a writer starts, so that a test can find them. */
    public static final String THREAD_PREFIX = "ws-writer-";

    /** At most this many bytes of waiting texts go out in one socket write. */
    private static final int MAX_JOINED_BYTES = 64 * 1024;

    /** How a writer ended its work: what {@link #awaitFinished} waits for. */
    enum Finish { CLOSE_SENT, ENDED, WRITE_FAILED }

    private final String sessionId;
    private final ClientSocket socket;
    private final FrameQueue queue;
    private final DeliveryMeter meter;
    private final Runnable onWriteFailure;
    /** The thread draining the queue now, or null: the claim that keeps writing to one thread at a time. */
    private final AtomicReference<Thread> drainer = new AtomicReference<>();
    private final CompletableFuture<Finish> finished = new CompletableFuture<>();

    /**
     * @param onWriteFailure runs, once, on the writing thread when the socket refuses a frame
     */
    public ConnectionWriter(String sessionId, ClientSocket socket, QueueLimits limits, DeliveryMeter meter,
                            Runnable onWriteFailure) {
        this.sessionId = sessionId;
        this.socket = socket;
        this.queue = new FrameQueue(limits);
        this.meter = meter;
        this.onWriteFailure = onWriteFailure;
    }

    /** Queues a broadcast; a {@link FanOutWriters} pass is expected to {@link #drainHere()} it. */
    public FrameQueue.Offer queueBroadcast(OutgoingFrame.Text message) {
        FrameQueue.Offer offer = queue.offer(message);
        meter.queued(queue.size());
        return offer;
    }

    /** Queues a message of this connection alone and makes sure it is written. */
    public FrameQueue.Offer send(OutgoingFrame.Text message) {
        FrameQueue.Offer offer = queueBroadcast(message);
        if (offer == FrameQueue.Offer.QUEUED) {
            drainElsewhere();
        }
        return offer;
    }

    /**
     * Queues a heartbeat ping for a {@link FanOutWriters} pass to write, like a broadcast.
     *
     * @return whether it was queued (not when closing)
     */
    public boolean queuePing() {
        return queue.ping();
    }

    public void pong(byte[] payload) {
        if (queue.pong(payload)) {
            drainElsewhere();
        }
    }

    /** Queues the close frame as the last one, after what waits unless {@code discardPending}. */
    public FrameQueue.Closing close(int code, String reason, boolean discardPending) {
        FrameQueue.Closing closing = queue.close(new OutgoingFrame.Close(code, reason), discardPending);
        if (closing == FrameQueue.Closing.STARTED) {
            drainElsewhere();
        }
        return closing;
    }

    /** The connection is gone: drop what waits and write nothing more. */
    public void end() {
        queue.end();
        finished.complete(Finish.ENDED);
    }

    /**
     * Writes what waits on the calling thread, unless another thread is already writing (it will take what
     * was queued before this call as well). May block while the socket is full.
     */
    void drainHere() {
        if (drainer.compareAndSet(null, Thread.currentThread())) {
            drainClaimed();
        }
    }

    /** Makes sure what waits is written, by a thread of its own if nobody is writing now. */
    private void drainElsewhere() {
        if (drainer.get() != null || !queue.hasWork()) {
            return;
        }
        Thread thread = Thread.ofVirtual().name(THREAD_PREFIX + sessionId).unstarted(this::drainClaimed);
        if (drainer.compareAndSet(null, thread)) {
            thread.start();
        }
    }

    /** Drains while holding the claim; lets go when the queue is empty, taking it back if work came meanwhile. */
    private void drainClaimed() {
        Thread self = Thread.currentThread();
        do {
            try {
                writeWaiting();
            } finally {
                drainer.set(null);
            }
        } while (queue.hasWork() && drainer.compareAndSet(null, self));
    }

    private void writeWaiting() {
        try {
            OutgoingFrame next;
            while ((next = queue.poll()) != null) {
                switch (next) {
                    case OutgoingFrame.Text text -> writeTexts(text);
                    case OutgoingFrame.Ping ping -> socket.ping();
                    case OutgoingFrame.Pong pong -> socket.pong(pong.payload());
                    case OutgoingFrame.Close close -> {
                        socket.close(close.code(), close.reason());
                        finished.complete(Finish.CLOSE_SENT);
                    }
                }
            }
        } catch (RuntimeException e) {
            queue.end();
            if (finished.complete(Finish.WRITE_FAILED)) {
                LOG.log(Level.DEBUG, () -> "Write to " + sessionId + " failed: " + e);
                onWriteFailure.run();
            }
        }
    }

    /** Writes {@code first} and the texts waiting right after it, up to a bound, in one socket write. */
    private void writeTexts(OutgoingFrame.Text first) {
        OutgoingFrame.Text next = first.frame().length < MAX_JOINED_BYTES ? queue.pollTextIfNext() : null;
        if (next == null) {
            socket.write(first.frame());
            meter.written(first.createdNanos());
            return;
        }
        List<OutgoingFrame.Text> texts = new ArrayList<>();
        texts.add(first);
        int bytes = first.frame().length;
        do {
            texts.add(next);
            bytes += next.frame().length;
        } while (bytes < MAX_JOINED_BYTES && (next = queue.pollTextIfNext()) != null);
        socket.write(joined(texts, bytes));
        texts.forEach(text -> meter.written(text.createdNanos()));
    }

    /** The frames of {@code texts}, {@code length} bytes together, one after another. */
    private static byte[] joined(List<OutgoingFrame.Text> texts, int length) {
        byte[] joined = new byte[length];
        int at = 0;
        for (OutgoingFrame.Text text : texts) {
            System.arraycopy(text.frame(), 0, joined, at, text.frame().length);
            at += text.frame().length;
        }
        return joined;
    }

    /**
     * Cuts the socket; a thread of this writer's own that is blocked writing to it is interrupted as well (a
     * fan-out thread is not: closing the socket fails its write, and it has other connections to serve).
     */
    public void cut() {
        socket.cut();
        Thread current = drainer.get();
        if (current != null && current != Thread.currentThread() && current.getName().startsWith(THREAD_PREFIX)) {
            current.interrupt();
        }
    }

    /**
     * Waits, until {@code deadlineNanos} at the latest, for the close frame to be written or the connection to
     * end.
     *
     * @return whether it did
     */
    public boolean awaitFinished(long deadlineNanos) {
        try {
            finished.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);  // never completed exceptionally
        }
    }

    /** Messages waiting to be written. */
    public int queueDepth() {
        return queue.size();
    }
}
