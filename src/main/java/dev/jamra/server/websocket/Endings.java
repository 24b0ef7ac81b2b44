package dev.jamra.server.websocket;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.jamra.server.websocket.time.Timers;

/**
 * How connections end, and the one place that words it. The server <em>closes</em> a connection: its close frame
 * goes out last, and the connection has until the close timeout to end; past it, or when a write fails, the
 * server <em>cuts</em> the socket, without a close frame. The client may close it too, or just go (the
 * connection is <em>lost</em>). Whichever way, it then <em>ends</em>: it is forgotten, its place is given back
 * and its session may be resumed for a while.
 */
final class Endings {
    private static final System.Logger LOG = System.getLogger(Endings.class.getName());

    private final Timeline timeline;
    private final Admission admission;
    private final Timers timers;
    private final Duration closeTimeout;
    private final AtomicLong slowConsumerCloses = new AtomicLong();

    Endings(Timeline timeline, Admission admission, Timers timers, Duration closeTimeout) {
        this.timeline = timeline;
        this.admission = admission;
        this.timers = timers;
        this.closeTimeout = closeTimeout;
    }

    /**
     * Starts closing: the close frame is queued, what waited is dropped, and the socket is cut if the connection
     * has not ended by the close timeout.
     *
     * @return false if it was already closing
     */
    boolean close(ClientConnection connection, CloseReason reason) {
        if (!connection.close(reason, true)) {
            return false;
        }
        // once the timers are stopped, the shutdown cuts whatever is left when its own wait is over
        timers.after(closeTimeout, () -> cut(connection)).ifPresent(connection::closeDeadline);
        return true;
    }

    /** Closes a connection whose queue is full with 1008, counted and logged once however often it was full. */
    void closeSlowConsumer(ClientConnection connection) {
        if (close(connection, CloseReason.SLOW_CONSUMER)) {
            slowConsumerCloses.incrementAndGet();
            LOG.log(Level.WARNING, () -> "WebSocket " + connection.sessionId() + " is not keeping up; closing it");
        }
    }

    /** Cuts the socket at once; the connection ends. */
    void cut(ClientConnection connection) {
        connection.cut();
        end(connection);
    }

    /**
     * The connection is over, however that happened: forget it, give its place back, and keep its session
     * resumable for a while (not when the server stops). Safe to call more than once.
     */
    void end(ClientConnection connection) {
        if (!connection.end() || admission.forgetNotAdmitted(connection)) {
            return;
        }
        admission.release();
        if (timeline.forget(connection, admission.accepting())) {
            LOG.log(Level.INFO, () -> "WebSocket " + connection.sessionId() + " ended: " + connection.ending());
        }
    }

    /** Connections closed as slow consumers since the start. */
    long slowConsumerCloses() {
        return slowConsumerCloses.get();
    }
}
