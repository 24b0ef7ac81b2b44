package dev.jamra.server.websocket;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.websocket.delivery.ClientSocket;
import dev.jamra.server.websocket.delivery.DeliveryMeter;
import dev.jamra.server.websocket.delivery.FanOutWriters;
import dev.jamra.server.websocket.delivery.QueueLimits;
import dev.jamra.server.websocket.history.ResumeRequest;
import dev.jamra.server.websocket.history.RetentionSettings;
import dev.jamra.server.websocket.history.SessionHistory;
import dev.jamra.server.websocket.time.ChannelTimers;
import dev.jamra.server.websocket.time.Ticker;
import dev.jamra.server.websocket.time.Timers;

/**
 * The live event channel, whatever carries it: publishes broadcasts to the connections the delivery rules pick,
 * opens connections handed over by the transport (as {@link ClientSocket}s, returning their {@link Inbound}),
 * and closes the ones that are slow, silent or oversized. It owns every thread it starts: the
 * {@link FanOutWriters} of broadcasts, each connection's writer while it has something of its own to send, and
 * its {@link Timers}; {@link #shutdown()} stops them all.
 */
public final class EventChannel implements EventPublisher {
    private static final System.Logger LOG = System.getLogger(EventChannel.class.getName());

    /**
     * How often, while broadcasts wait to be written, the fan-out writers are checked for progress: when every
     * one of them is blocked on a client that stopped reading, another starts within about this long.
     */
    private static final Duration FAN_OUT_CHECK_INTERVAL = Duration.ofMillis(5);

    private final WebSocketSettings settings;
    private final Ticker ticker;
    private final Timers timers;
    private final Timeline timeline;
    private final Admission admission;
    private final Endings endings;
    private final FanOutWriters fanOut;
    private volatile DeliveryMeter meter = DeliveryMeter.NONE;

    /**
     * A channel on the system's clocks and timers of its own, as the server runs it.
     *
     * @param clock the wall clock of timestamps and retention ages
     */
    public static EventChannel start(WebSocketSettings settings, RetentionSettings retention, Clock clock) {
        return new EventChannel(settings, retention, clock, Ticker.SYSTEM, new ChannelTimers());
    }

    /**
     * @param ticker measures silence (the heartbeat) and unfinished messages
     * @param timers run the heartbeat, the reaper and every deadline; stopped by {@link #shutdown()}
     */
    public EventChannel(WebSocketSettings settings, RetentionSettings retention, Clock clock, Ticker ticker,
                        Timers timers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.timeline = new Timeline(settings, retention, Objects.requireNonNull(clock, "clock"));
        this.admission = new Admission(settings.maxConnections());
        this.endings = new Endings(timeline, admission, timers, settings.closeTimeout());
        this.fanOut = new FanOutWriters(Runtime.getRuntime().availableProcessors(), FAN_OUT_CHECK_INTERVAL,
                (delay, task) -> timers.after(delay, task), FanOutWriters.virtualThreads());
        timers.every(Heartbeat.tick(settings.pingInterval()), "Heartbeat",
                new Heartbeat(settings, ticker, timeline, endings, fanOut));
        timers.every(Reaper.INTERVAL, "Reaping ended connections",
                new Reaper(settings.messageTimeout(), ticker, timeline, admission, endings));
    }

    /** Meters the deliveries of the connections opened from now on; for {@code /metrics}. */
    public void meter(DeliveryMeter meter) {
        this.meter = Objects.requireNonNull(meter, "meter");
    }

    @Override
    public void publish(BroadcastEvent event) {
        Objects.requireNonNull(event, "event");
        Timeline.Delivery delivery = timeline.publish(event);
        fanOut.write(delivery.queued());  // the order is already fixed by the queues: writing needs no lock
        // closing (and logging) slow consumers is left until the others' pass is under way
        delivery.full().forEach(endings::closeSlowConsumer);
    }

    /**
     * Takes a connection the transport just opened, on the transport's thread for it: registers it if there is
     * room, resuming a session if {@code resume} asks and the history allows. {@code connect} is queued before
     * the connection joins, so it is always the first message.
     *
     * @return where the transport hands over what the client sends; when the connection may not stay (full, or
     *         shutting down) it is already closing with 1013
     */
    public Inbound open(ClientSocket socket, Optional<ResumeRequest> resume) {
        Optional<CloseReason> refusal = admission.admit();
        if (refusal.isPresent()) {
            return turnAway(socket, refusal.get());
        }
        Timeline.Joined joined;
        try {
            joined = timeline.join(resume, (sessionId, limits, changes) -> connection(sessionId, socket, limits,
                    changes));
        } catch (RuntimeException | Error e) {
            admission.release();  // its place is given back
            throw e;
        }
        joined.displaced().ifPresent(old -> endings.close(old, CloseReason.RESUMED_ELSEWHERE));
        ClientConnection connection = joined.connection();
        LOG.log(Level.INFO, () -> "WebSocket " + connection.sessionId() + " opened from " + socket.peer());
        return inbound(connection);
    }

    /**
     * Closes a connection that may not stay, and keeps it until it ends: if its peer never answers the close
     * frame, the close timeout cuts it as any other.
     */
    private Inbound turnAway(ClientSocket socket, CloseReason reason) {
        ClientConnection connection = connection(UUID.randomUUID().toString(), socket, new QueueLimits(1, 1),
                new SessionHistory.Changes());
        admission.notAdmitted(connection);
        endings.close(connection, reason);
        LOG.log(Level.DEBUG, () -> "WebSocket " + connection.sessionId() + " not admitted: " + reason.text());
        return inbound(connection);
    }

    private ClientConnection connection(String sessionId, ClientSocket socket, QueueLimits limits,
                                        SessionHistory.Changes changes) {
        return new ClientConnection(sessionId, socket, limits, meter, changes, ticker.nanoTime(), endings::cut);
    }

    private Inbound inbound(ClientConnection connection) {
        return new Inbound(connection, timeline, endings, ticker, settings.maxMessageSize());
    }

    /** Whether the channel takes connections: until {@link #shutdown()}. */
    public boolean accepting() {
        return admission.accepting();
    }

    /** Open connections now. */
    public int connectionCount() {
        return timeline.connectionCount();
    }

    /** Messages waiting in the fullest connection queue now. */
    public int deepestQueue() {
        int deepest = 0;
        for (ClientConnection connection : timeline.connections()) {
            deepest = Math.max(deepest, connection.writer().queueDepth());
        }
        return deepest;
    }

    public ChannelStats stats() {
        return new ChannelStats(timeline.connectionCount(), endings.slowConsumerCloses());
    }

    /**
     * Closes every connection with 1001 "Server shutting down", waits up to the close timeout for the clients
     * to answer, cuts what is left, stops the timers and waits for the writing threads to end. New connections are
     * refused from the first moment. Call before the transport stops, so the close frames go out on open
     * sockets.
     */
    public void shutdown() {
        if (!admission.stop()) {
            return;
        }
        List<ClientConnection> open = new ArrayList<>(timeline.connections());
        LOG.log(Level.INFO, () -> "Closing " + open.size() + " WebSocket connection(s)");
        open.forEach(c -> c.close(CloseReason.SHUTTING_DOWN, false));
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        open.forEach(c -> c.awaitClosed(deadline));
        open.stream().filter(c -> !c.isEnded()).forEach(endings::cut);
        List.copyOf(admission.notAdmitted()).forEach(endings::cut);
        timers.stop();
        long cutDeadline = System.nanoTime() + settings.closeTimeout().toNanos();
        open.forEach(c -> c.awaitClosed(cutDeadline));
        fanOut.awaitIdle(cutDeadline);
    }
}
