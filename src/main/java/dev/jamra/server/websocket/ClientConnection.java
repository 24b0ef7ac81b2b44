package dev.jamra.server.websocket;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsSession;

/**
 * One open WebSocket: its outbound queue and the virtual thread that writes it to the socket, its download
 * subscriptions, and when the client was last heard. Writing happens only on the writer thread, so a client
 * that does not read holds nobody but its own writer.
 */
final class ClientConnection {
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());

    /** Prefix of writer thread names, so their owner (and a test) can find them. */
    static final String WRITER_THREAD_PREFIX = "ws-writer-";
    static final String WATCHER_THREAD_PREFIX = "ws-watch-";

    private final String sessionId;
    private final WsSession session;
    private final OutboundQueue queue;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile Thread writer;
    private volatile Thread watcher;
    private volatile ScheduledFuture<?> closeDeadline;
    private volatile String closeReason = "connection lost";

    /** The sequence number of the last broadcast queued here; guarded by the channel's publish lock. */
    long lastBroadcastSeq;

    ClientConnection(String sessionId, WsSession session, int queueCapacity) {
        this.sessionId = sessionId;
        this.session = session;
        this.queue = new OutboundQueue(queueCapacity);
    }

    String sessionId() {
        return sessionId;
    }

    Set<String> subscriptions() {
        return subscriptions;
    }

    OutboundQueue queue() {
        return queue;
    }

    /** Starts the writer; {@code onWriteFailure} runs on it if the socket refuses a frame. */
    void startWriter(Runnable onWriteFailure) {
        writer = Thread.ofVirtual()
                .name(WRITER_THREAD_PREFIX + sessionId)
                .start(() -> write(onWriteFailure));
    }

    /**
     * Starts the watcher, which runs {@code onEnd} when Helidon's thread for this socket ends. Helidon calls no
     * listener method when a peer just drops, so the end of that thread is the one sure sign.
     */
    void startWatcher(Thread socketThread, Runnable onEnd) {
        watcher = Thread.ofVirtual()
                .name(WATCHER_THREAD_PREFIX + sessionId)
                .start(() -> {
                    try {
                        socketThread.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    onEnd.run();
                });
    }

    /**
     * Waits, until the deadline at the latest, for the writer to stop and the socket to end.
     *
     * @return whether both are done
     */
    boolean awaitThreads(long deadlineNanos) {
        return join(writer, deadlineNanos) && join(watcher, deadlineNanos);
    }

    private static boolean join(Thread thread, long deadlineNanos) {
        if (thread == null) {
            return true;
        }
        long remaining = deadlineNanos - System.nanoTime();
        try {
            return remaining > 0 ? thread.join(Duration.ofNanos(remaining)) : !thread.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long silentNanos() {
        return System.nanoTime() - lastHeardNanos;
    }

    /**
     * Queues the close frame and remembers why.
     *
     * @return false if the connection was already closing
     */
    boolean close(int code, String reason, boolean discardPending) {
        boolean first = queue.close(new Outbound.Close(code, reason), discardPending);
        if (first) {
            closeReason = code + " " + reason;
        }
        return first;
    }

    void closeDeadline(ScheduledFuture<?> deadline) {
        this.closeDeadline = deadline;
    }

    void closedByClient(int code, String reason) {
        closeReason = "closed by client: " + code + " " + reason;
    }

    String closeReason() {
        return closeReason;
    }

    /**
     * Marks the connection gone and releases its writer; the first call wins.
     *
     * @return whether this call ended it
     */
    boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        queue.end();
        ScheduledFuture<?> deadline = closeDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        return true;
    }

    boolean isEnded() {
        return ended.get();
    }

    /**
     * Cuts the socket without waiting for the client: Helidon's connection thread is interrupted, which closes
     * a socket it is blocked on, and so is our writer, which may be blocked writing to it.
     */
    void cut() {
        if (session instanceof ServerConnection connection) {
            connection.close(true);
        }
        Thread w = writer;
        if (w != null && w != Thread.currentThread()) {
            w.interrupt();
        }
    }

    private void write(Runnable onWriteFailure) {
        try {
            Outbound next;
            while ((next = queue.take()) != null) {
                switch (next) {
                    case Outbound.Text text -> session.send(text.json(), true);
                    case Outbound.Ping ping -> session.ping(BufferData.empty());
                    case Outbound.Pong pong -> session.pong(BufferData.create(pong.payload()));
                    case Outbound.Close close -> session.close(close.code(), close.reason());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!ended.get()) {
                LOG.log(Level.DEBUG, () -> "Write to " + sessionId + " failed: " + e);
                closeReason = "write failed: " + e.getMessage();
                onWriteFailure.run();
            }
        }
    }

    @Override
    public String toString() {
        return "ClientConnection[" + sessionId + "]";
    }
}
