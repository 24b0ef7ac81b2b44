package dev.jamra.server.websocket;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.Connected;
import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.events.ErrorEvent;
import dev.jamra.server.events.EventCodec;
import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.events.SessionEvent;
import dev.jamra.server.events.SubscriptionAck;
import dev.jamra.server.web.OriginPolicy;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsSession;

/**
 * The live event channel: publishes broadcasts to the connections the delivery rules pick, answers each
 * connection's own messages, pings them, and closes the ones that are slow, silent or oversized. It owns every
 * thread it starts: a writer per connection while it has something to send, and the scheduler of the
 * heartbeat, the close deadlines and the reaper of dropped connections; {@link #shutdown()} stops them all.
 */
public final class EventChannel implements EventPublisher {
    private static final System.Logger LOG = System.getLogger(EventChannel.class.getName());

    /**
     * How often connections whose socket ended are looked for. Helidon calls no listener method when a peer
     * just drops (only its thread for the socket ends), so they are found by looking; a thread per connection
     * waiting for that would cost more memory than the whole connection should.
     */
    private static final Duration REAP_INTERVAL = Duration.ofSeconds(1);

    /**
     * How long a writer with nothing to send stays, parked, before the reaper ends it: a steady stream is then
     * written by one thread (starting one per message costs more than the write), and idle connections hold
     * none.
     */
    private static final long WRITER_LINGER_NANOS = Duration.ofSeconds(2).toNanos();

    /** Endpoints of the channel: the renderer connects to the root, other clients may use {@code /ws}. */
    public static final List<String> PATHS = List.of("/", "/ws");

    private final WebSocketSettings settings;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();
    private final SubscriptionManager subscriptions;
    private final ScheduledThreadPoolExecutor scheduler;
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    private final AtomicLong slowConsumerCloses = new AtomicLong();
    private volatile ChannelMetrics metrics = ChannelMetrics.NONE;
    private final ReentrantLock publishLock = new ReentrantLock();
    private long lastSeq;  // guarded by publishLock

    public EventChannel(WebSocketSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.subscriptions = new SubscriptionManager(settings.maxSubscriptions());
        this.scheduler = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("ws-heartbeat").daemon()
                .factory());
        this.scheduler.setRemoveOnCancelPolicy(true);
        long ping = settings.pingInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::heartbeat, ping, ping, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::reap, REAP_INTERVAL.toMillis(), REAP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Meters the connections opened from now on into {@code registry}; for {@code /metrics}. */
    public void meterInto(io.helidon.metrics.api.MeterRegistry registry) {
        metrics = ChannelMetrics.register(registry, this);
    }

    /** The WebSocket routes of the channel. */
    public WsRouting.Builder routing() {
        WsRouting.Builder routing = WsRouting.builder();
        PATHS.forEach(path -> routing.endpoint(path, () -> new EventChannelListener(this, settings.maxMessageSize())));
        return routing;
    }

    /** The HTTP filter that admits or refuses upgrades: by {@code origins}, capacity and shutdown. */
    public Filter upgradeFilter(OriginPolicy origins) {
        return new UpgradeFilter(this, origins, settings.maxConnections());
    }

    @Override
    public void publish(BroadcastEvent event) {
        Objects.requireNonNull(event, "event");
        String progressOf = event instanceof DownloadProgress progress ? progress.downloadId() : null;
        // One lock orders broadcasts: seq grows by one per event and every connection queues them in seq order.
        publishLock.lock();
        try {
            long seq = lastSeq + 1;
            Outbound.Text message = Outbound.Text.of(codec.encode(event, clock.millis(), seq), progressOf);
            lastSeq = seq;
            subscriptions.forEachRecipient(event, seq, connection -> enqueue(connection, message));
        } finally {
            publishLock.unlock();
        }
    }

    public ChannelStats stats() {
        return new ChannelStats(subscriptions.connectionCount(), slowConsumerCloses.get());
    }

    public int connectionCount() {
        return subscriptions.connectionCount();
    }

    boolean accepting() {
        return accepting.get();
    }

    SubscriptionManager subscriptions() {
        return subscriptions;
    }

    /**
     * Registers a connection that Helidon just opened, on Helidon's thread for it. {@code connect} is queued
     * before the connection joins the manager, so it is always the first message.
     *
     * @return the connection, or {@code null} when it was refused and is being closed
     */
    ClientConnection open(WsSession session) {
        if (!accepting.get() || subscriptions.connectionCount() >= settings.maxConnections()) {
            session.close(WsCloseCodes.TRY_AGAIN_LATER, accepting.get() ? "Too many connections" : "Server shutting down");
            return null;
        }
        ClientConnection connection = new ClientConnection(UUID.randomUUID().toString(), session,
                settings.queueCapacity(), Thread.currentThread(), this::cut, metrics);
        send(connection, Connected.session(connection.sessionId()));
        subscriptions.add(connection);
        LOG.log(Level.INFO, () -> "WebSocket " + connection.sessionId() + " opened from "
                                  + session.socketContext().remotePeer().address());
        return connection;
    }

    void send(ClientConnection connection, SessionEvent event) {
        enqueue(connection, Outbound.Text.of(codec.encode(event, clock.millis()), null));
    }

    void subscribe(ClientConnection connection, String downloadId) {
        switch (subscriptions.subscribe(connection, downloadId)) {
            case ADDED, ALREADY -> send(connection, new SubscriptionAck(SubscriptionAck.Action.SUBSCRIBED, downloadId));
            case LIMIT_REACHED -> send(connection, new ErrorEvent("Subscription limit reached: a connection may"
                    + " follow at most " + settings.maxSubscriptions() + " downloads; unsubscribe from one first"));
        }
    }

    void unsubscribe(ClientConnection connection, String downloadId) {
        subscriptions.unsubscribe(connection, downloadId);
        send(connection, new SubscriptionAck(SubscriptionAck.Action.UNSUBSCRIBED, downloadId));
    }

    /** Starts closing: the close frame is queued and the socket is cut if it has not ended by the close timeout. */
    void close(ClientConnection connection, int code, String reason, boolean discardPending) {
        if (!connection.close(code, reason, discardPending)) {
            return;
        }
        try {
            connection.closeDeadline(scheduler.schedule(() -> cut(connection),
                    settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException shuttingDown) {
            // shutdown() cuts whatever is left once its own wait is over
        }
    }

    void closedByClient(ClientConnection connection, int code, String reason) {
        connection.closedByClient(code, reason);
        ended(connection);
    }

    /** The connection is over, however that happened: forget it. Safe to call more than once. */
    void ended(ClientConnection connection) {
        if (connection.end() && subscriptions.remove(connection)) {
            LOG.log(Level.INFO, () -> "WebSocket " + connection.sessionId() + " closed: " + connection.closeReason());
        }
    }

    private void cut(ClientConnection connection) {
        connection.cut();
        ended(connection);
    }

    private void enqueue(ClientConnection connection, Outbound.Text message) {
        if (connection.send(message) == OutboundQueue.Offer.FULL) {
            slowConsumerCloses.incrementAndGet();
            LOG.log(Level.WARNING, () -> "WebSocket " + connection.sessionId() + " is not keeping up; closing it");
            close(connection, WsCloseCodes.VIOLATED_POLICY, "slow consumer", true);
        }
    }

    /** Forgets connections whose socket ended, and ends writers that have long had nothing to send. */
    private void reap() {
        try {
            for (ClientConnection connection : subscriptions.connections()) {
                if (!connection.socketAlive()) {
                    ended(connection);
                } else {
                    connection.retireIdleWriter(WRITER_LINGER_NANOS);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Reaping ended connections failed; it will run again", e);
        }
    }

    private void heartbeat() {
        try {
            long idleNanos = settings.idleTimeout().toNanos();
            for (ClientConnection connection : subscriptions.connections()) {
                if (connection.silentNanos() > idleNanos) {
                    close(connection, WsCloseCodes.NORMAL_CLOSE, "Idle timeout", true);
                } else {
                    connection.ping();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Heartbeat failed; it will run again", e);
        }
    }

    /**
     * Closes every connection with 1001 "Server shutting down", waits up to the close timeout for the clients
     * to answer and the writers to finish, cuts what is left, and stops the heartbeat. New upgrades are refused
     * from the first moment. Call before the web server stops, so the close frames go out on open sockets.
     */
    public void shutdown() {
        if (!accepting.compareAndSet(true, false)) {
            return;
        }
        List<ClientConnection> open = new ArrayList<>(subscriptions.connections());
        LOG.log(Level.INFO, () -> "Closing " + open.size() + " WebSocket connection(s)");
        open.forEach(c -> c.close(WsCloseCodes.GOING_AWAY, "Server shutting down", false));
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        open.forEach(c -> c.awaitThreads(deadline));
        open.stream().filter(c -> !c.isEnded()).forEach(this::cut);
        scheduler.shutdownNow();
        long cutDeadline = System.nanoTime() + settings.closeTimeout().toNanos();
        open.forEach(c -> c.awaitThreads(cutDeadline));
    }
}
