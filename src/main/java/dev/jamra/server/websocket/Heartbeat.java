package dev.jamra.server.websocket;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.jamra.server.websocket.delivery.ConnectionWriter;
import dev.jamra.server.websocket.delivery.FanOutWriters;
import dev.jamra.server.websocket.time.Ticker;

/**
 * Finds dead peers: at each tick, closes the connections silent (no message, ping or pong) for the idle timeout
 * and pings those due a ping ({@link ClientConnection#pingDue}). The pings go out through the fan-out writers,
 * like a broadcast, rather than a thread per connection.
 */
final class Heartbeat implements Runnable {
    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());

    private final WebSocketSettings settings;
    private final Ticker ticker;
    private final Timeline timeline;
    private final Endings endings;
    private final FanOutWriters fanOut;

    Heartbeat(WebSocketSettings settings, Ticker ticker, Timeline timeline, Endings endings, FanOutWriters fanOut) {
        this.settings = settings;
        this.ticker = ticker;
        this.timeline = timeline;
        this.endings = endings;
        this.fanOut = fanOut;
    }

    /**
     * How often to look: each connection is first pinged at a random moment within one ping interval, then one
     * interval after its last ping, so pings are spread over the interval even when thousands of clients
     * connected at once; looking every second (or every interval, when shorter) is fine-grained enough for that.
     */
    static Duration tick(Duration pingInterval) {
        Duration second = Duration.ofSeconds(1);
        return pingInterval.compareTo(second) < 0 ? pingInterval : second;
    }

    @Override
    public void run() {
        long now = ticker.nanoTime();
        long idleNanos = settings.idleTimeout().toNanos();
        long pingNanos = settings.pingInterval().toNanos();
        List<ConnectionWriter> due = new ArrayList<>();
        for (ClientConnection connection : timeline.connections()) {
            if (connection.silentNanos(now) > idleNanos) {
                LOG.log(Level.INFO, () -> "WebSocket " + connection.sessionId() + " silent for "
                                          + settings.idleTimeout() + "; closing it");
                endings.close(connection, CloseReason.IDLE);
            } else if (connection.pingDue(now, pingNanos) && connection.writer().queuePing()) {
                due.add(connection.writer());
            }
        }
        fanOut.write(due);
    }
}
