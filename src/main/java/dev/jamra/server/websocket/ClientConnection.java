package dev.jamra.server.websocket;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.jamra.server.websocket.delivery.ClientSocket;
import dev.jamra.server.websocket.delivery.ConnectionWriter;
import dev.jamra.server.websocket.delivery.DeliveryMeter;
import dev.jamra.server.websocket.delivery.FrameQueue;
import dev.jamra.server.websocket.delivery.OutgoingFrame;
import dev.jamra.server.websocket.delivery.QueueLimits;
import dev.jamra.server.websocket.history.SessionHistory;
import dev.jamra.server.websocket.time.Timers;

/**
 * One open WebSocket: its socket and {@link ConnectionWriter}, its download subscriptions and its session's
 * changes of them, when the client was last heard and whether it left a message unfinished, and how it ended.
 * Times are {@link dev.jamra.server.websocket.time.Ticker} nanoseconds, which its callers read and pass in.
 */
final class ClientConnection {

    /** {@link #messageStartedNanos} while no message is being assembled. */
    private static final long NO_MESSAGE = Long.MIN_VALUE;

    private final String sessionId;
    private final ClientSocket socket;
    private final ConnectionWriter writer;
    private final SessionHistory.Changes changes;
    private final AtomicBoolean ended = new AtomicBoolean();
    private Set<String> subscriptions;  // guarded by this; null until the first subscribe
    private volatile long lastHeardNanos;
    private long nextPingNanos;       // only the heartbeat reads and writes these two
    private boolean pingScheduled;
    private volatile long messageStartedNanos = NO_MESSAGE;
    private volatile Timers.Cancellable closeDeadline;
    private volatile String ending = "connection lost";

    /**
     * @param limits         what may wait for the client before it counts as a slow consumer
     * @param changes        its session's subscription changes, which a resumed session brings along
     * @param openedNanos    when it opened: its silence counts from then
     * @param onWriteFailure runs on the writing thread if the socket refuses a frame
     */
    ClientConnection(String sessionId, ClientSocket socket, QueueLimits limits, DeliveryMeter meter,
                     SessionHistory.Changes changes, long openedNanos, Consumer<ClientConnection> onWriteFailure) {
        this.sessionId = sessionId;
        this.socket = socket;
        this.changes = changes;
        this.lastHeardNanos = openedNanos;
        this.writer = new ConnectionWriter(sessionId, socket, limits, meter, () -> {
            endsBecause("write failed");
            onWriteFailure.accept(this);
        });
    }

    String sessionId() {
        return sessionId;
    }

    ConnectionWriter writer() {
        return writer;
    }

    ClientSocket socket() {
        return socket;
    }

    SessionHistory.Changes changes() {
        return changes;
    }

    /** Queues a message of this connection alone; {@link FrameQueue.Offer#FULL} means it does not keep up. */
    FrameQueue.Offer send(OutgoingFrame.Text message) {
        return writer.send(message);
    }

    /**
     * Queues the close frame, after what waits unless {@code discardPending}, and remembers why.
     *
     * @return false if the connection was already closing
     */
    boolean close(CloseReason reason, boolean discardPending) {
        if (writer.close(reason.code(), reason.text(), discardPending) == FrameQueue.Closing.ALREADY) {
            return false;
        }
        ending = reason.toString();
        return true;
    }

    /** What cuts the socket if the connection has not ended in time; cancelled when it ends. */
    void closeDeadline(Timers.Cancellable deadline) {
        this.closeDeadline = deadline;
    }

    /** Says how the connection ends, when it is not by a close the server started: for the log. */
    void endsBecause(String how) {
        ending = how;
    }

    /** How the connection ended (or is ending), for the log. */
    String ending() {
        return ending;
    }

    void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    long silentNanos(long nowNanos) {
        return nowNanos - lastHeardNanos;
    }

    /**
     * Whether a ping is due; if so, counts one as sent now. The first is due at a random moment within one
     * {@code intervalNanos} of the first call, each next one an interval after the last: clients that connected
     * together (all of them, after a restart) are not pinged together for as long as they stay. For the
     * heartbeat alone.
     */
    boolean pingDue(long nowNanos, long intervalNanos) {
        if (!pingScheduled) {
            pingScheduled = true;
            nextPingNanos = nowNanos + (intervalNanos > 0 ? ThreadLocalRandom.current().nextLong(intervalNanos) : 0);
        }
        if (nowNanos - nextPingNanos < 0) {
            return false;
        }
        nextPingNanos = nowNanos + intervalNanos;
        return true;
    }

    /** The client sent the first frame of a message and more are to come. */
    void messageStarted(long nowNanos) {
        if (messageStartedNanos == NO_MESSAGE) {
            messageStartedNanos = nowNanos;
        }
    }

    /** The message being assembled is complete, or was given up. */
    void messageFinished() {
        messageStartedNanos = NO_MESSAGE;
    }

    /** How long the message being assembled has been unfinished; 0 when there is none. */
    long unfinishedMessageNanos(long nowNanos) {
        long started = messageStartedNanos;
        return started == NO_MESSAGE ? 0 : nowNanos - started;
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
     * Marks the connection over and drops what it had queued; the first call wins.
     *
     * @return whether this call ended it
     */
    boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        writer.end();
        Timers.Cancellable deadline = closeDeadline;
        if (deadline != null) {
            deadline.cancel();
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
        return writer.awaitFinished(deadlineNanos) && socket.awaitEnd(deadlineNanos);
    }

    @Override
    public String toString() {
        return "ClientConnection[" + sessionId + "]";
    }
}
