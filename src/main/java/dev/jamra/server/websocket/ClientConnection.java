package dev.jamra.server.websocket;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.helidon.websocket.WsSession;

/**
 * One open WebSocket: its {@link ConnectionWriter}, its download subscriptions, when the client was last heard
 * and whether it left a message unfinished, and why it closed.
 */
final class ClientConnection {

    /** {@link #messageStartedNanos} while no message is being assembled. */
    private static final long NO_MESSAGE = Long.MIN_VALUE;

    private final String sessionId;
    private final ConnectionWriter writer;
    private final Thread socketThread;
    private final AtomicBoolean ended = new AtomicBoolean();
    private Set<String> subscriptions;  // guarded by this; null until the first subscribe
    private volatile long lastHeardNanos = System.nanoTime();
    private long nextPingNanos;       // only the heartbeat reads and writes these two
    private boolean pingScheduled;
    private volatile long messageStartedNanos = NO_MESSAGE;
    private volatile ScheduledFuture<?> closeDeadline;
    private volatile String closeReason = "connection lost";

    /**
     * @param socketThread   Helidon's thread for this socket, which ends when the connection does
     * @param onWriteFailure runs on the writing thread if the socket refuses a frame
     */
    ClientConnection(String sessionId, WsSession session, int queueCapacity, Thread socketThread,
                     Consumer<ClientConnection> onWriteFailure) {
        this(sessionId, session, queueCapacity, Long.MAX_VALUE, socketThread, onWriteFailure, ChannelMetrics.NONE);
    }

    /**
     * @param queueCapacity messages that may wait for the client
     * @param queueMaxBytes bytes they may hold together ({@link OutgoingFrame.Text#weight()})
     */
    ClientConnection(String sessionId, WsSession session, int queueCapacity, long queueMaxBytes, Thread socketThread,
                     Consumer<ClientConnection> onWriteFailure, ChannelMetrics metrics) {
        this.sessionId = sessionId;
        this.socketThread = socketThread;
        this.writer = new ConnectionWriter(sessionId, new SessionSocket(session), queueCapacity, queueMaxBytes,
                metrics, () -> {
            closeReason = "write failed";
            onWriteFailure.accept(this);
        });
    }

    String sessionId() {
        return sessionId;
    }

    ConnectionWriter writer() {
        return writer;
    }

    /**
     * Queues the close frame and remembers why.
     *
     * @return false if the connection was already closing
     */
    boolean close(int code, String reason, boolean discardPending) {
        if (writer.close(code, reason, discardPending) == FrameQueue.Closing.ALREADY) {
            return false;
        }
        closeReason = code + " " + reason;
        return true;
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

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long silentNanos() {
        return System.nanoTime() - lastHeardNanos;
    }

    /**
     * Whether a ping is due; if so, counts one as sent now. The first is due at a random moment within one
     * {@code intervalNanos} of the first call, each next one an interval after the last: clients that connected
     * together (all of them, after a restart) are not pinged together for as long as they stay. For the
     * heartbeat alone.
     */
    boolean pingDue(long intervalNanos) {
        long now = System.nanoTime();
        if (!pingScheduled) {
            pingScheduled = true;
            nextPingNanos = now + (intervalNanos > 0 ? ThreadLocalRandom.current().nextLong(intervalNanos) : 0);
        }
        if (now - nextPingNanos < 0) {
            return false;
        }
        nextPingNanos = now + intervalNanos;
        return true;
    }

    /** The client sent the first frame of a message and more are to come. */
    void messageStarted() {
        if (messageStartedNanos == NO_MESSAGE) {
            messageStartedNanos = System.nanoTime();
        }
    }

    /** The message being assembled is complete, or was given up. */
    void messageFinished() {
        messageStartedNanos = NO_MESSAGE;
    }

    /** How long the message being assembled has been unfinished; 0 when there is none. */
    long unfinishedMessageNanos() {
        long started = messageStartedNanos;
        return started == NO_MESSAGE ? 0 : System.nanoTime() - started;
    }

    /** Whether Helidon still serves the socket; its thread ends when the peer closes, drops or is cut. */
    boolean socketAlive() {
        return socketThread.isAlive();
    }

    // Subscriptions: changed and read only by SubscriptionManager, under this connection's monitor.

    Set<String> subscriptions() {
        return subscriptions == null ? Set.of() : subscriptions;
    }

    boolean subscribe(String downloadId) {
        if (subscriptions == null) {
            subscriptions = new HashSet<>(4);
        }
        return subscriptions.add(downloadId);
    }

    boolean unsubscribe(String downloadId) {
        return subscriptions != null && subscriptions.remove(downloadId);
    }

    void clearSubscriptions() {
        subscriptions = null;
    }

    /**
     * Marks the connection gone and drops what it had queued; the first call wins.
     *
     * @return whether this call ended it
     */
    boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        writer.end();
        ScheduledFuture<?> deadline = closeDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        return true;
    }

    boolean isEnded() {
        return ended.get();
    }

    /** Cuts the socket without waiting for the client. */
    void cut() {
        writer.cut();
    }

    /**
     * Waits, until the deadline at the latest, for the close frame to go out (or the connection to end) and for
     * the socket to end.
     *
     * @return whether both are done
     */
    boolean awaitClosed(long deadlineNanos) {
        if (!writer.awaitFinished(deadlineNanos)) {
            return false;
        }
        long remaining = deadlineNanos - System.nanoTime();
        try {
            return remaining > 0 ? socketThread.join(Duration.ofNanos(remaining)) : !socketThread.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "ClientConnection[" + sessionId + "]";
    }
}
