package dev.jamra.server.websocket;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.CoalesceKey;
import dev.jamra.server.events.Connected;
import dev.jamra.server.events.ErrorEvent;
import dev.jamra.server.events.EventCodec;
import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.events.ResumeRefusal;
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
 * thread it starts: the {@link FanOutWriters} of broadcasts, each connection's writer while it has something
 * of its own to send, and the {@link ChannelTimers}; {@link #shutdown()} stops them all.
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
     * How often the heartbeat looks for connections due a ping: each is first pinged at a random moment within
     * one ping interval, then one interval after its last ping, so pings are spread over the interval even when
     * thousands of clients connected at once.
     */
    private static final Duration HEARTBEAT_TICK = Duration.ofSeconds(1);

    /**
     * How often, while broadcasts wait to be written, the fan-out writers are checked for progress: when every
     * one of them is blocked on a client that stopped reading, another starts within about this long.
     */
    private static final Duration FAN_OUT_CHECK_INTERVAL = Duration.ofMillis(5);

    /** Endpoints of the channel: the renderer connects to the root, other clients may use {@code /ws}. */
    public static final List<String> PATHS = List.of("/", "/ws");

    private final WebSocketSettings settings;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();
    private final SubscriptionManager subscriptions;
    private final ChannelTimers timers = new ChannelTimers();
    private final FanOutWriters fanOut = new FanOutWriters(Runtime.getRuntime().availableProcessors(),
            FAN_OUT_CHECK_INTERVAL, (delay, task) -> timers.after(delay, task));
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    private final AtomicLong slowConsumerCloses = new AtomicLong();
    /** One permit per open connection: taken before a connection joins, so the cap holds under any race. */
    private final Semaphore connectionSlots;
    /** Connections refused in {@link #open} while their close frame is out, so they end or are cut in time. */
    private final Set<ClientConnection> refused = ConcurrentHashMap.newKeySet();
    private volatile ChannelMetrics metrics = ChannelMetrics.NONE;
    private final ReentrantLock publishLock = new ReentrantLock();
    private long lastSeq;  // guarded by publishLock
    /** Names this server run, so a client can tell that sequence numbers started again. */
    private final String epoch = UUID.randomUUID().toString();
    private final SessionHistory history;  // guarded by publishLock

    public EventChannel(WebSocketSettings settings, Clock clock) {
        this(settings, RetentionSettings.defaults(), clock);
    }

    public EventChannel(WebSocketSettings settings, RetentionSettings retention, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.history = new SessionHistory(retention, settings.maxConnections(), clock);
        this.subscriptions = new SubscriptionManager(settings.maxSubscriptions(),
                new MemoryBudget(settings.subscriptionMemory()));
        this.connectionSlots = new Semaphore(settings.maxConnections());
        Duration heartbeatTick = settings.pingInterval().compareTo(HEARTBEAT_TICK) < 0
                ? settings.pingInterval()
                : HEARTBEAT_TICK;
        timers.every(heartbeatTick, "Heartbeat", this::heartbeat);
        timers.every(REAP_INTERVAL, "Reaping ended connections", this::reap);
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
        CoalesceKey supersedes = event.coalesceKey().orElse(null);
        List<ConnectionWriter> recipients = new ArrayList<>(subscriptions.connectionCount());
        List<ClientConnection> full = new ArrayList<>(0);
        // One lock orders broadcasts: seq grows by one per event and every connection queues them in seq order.
        publishLock.lock();
        try {
            long seq = lastSeq + 1;
            OutgoingFrame.Text message = OutgoingFrame.Text.of(codec.encode(event, clock.millis(), seq), supersedes);
            lastSeq = seq;
            history.published(seq, event, message);
            subscriptions.forEachRecipient(event, connection -> {
                switch (connection.writer().queueBroadcast(message)) {
                    case QUEUED -> recipients.add(connection.writer());
                    case FULL -> full.add(connection);
                    case CLOSED -> { }
                }
            });
        } finally {
            publishLock.unlock();
        }
        fanOut.write(recipients);  // the order is already fixed by the queues: writing needs no lock
        // closing (and logging) slow consumers is left until the others' pass is under way
        full.forEach(this::slowConsumer);
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

    /** The name of this server run, as {@code connect} gives it. */
    public String epoch() {
        return epoch;
    }

    /** Whether the ended session {@code sessionId} can be resumed now; for tests. */
    boolean isResumable(String sessionId) {
        return underPublishLock(() -> history.isResumable(sessionId));
    }

    /** The oldest seq a resume may start after, less one; for tests. */
    long firstRetainableSeq() {
        return underPublishLock(history::firstRetainableSeq);
    }

    private <T> T underPublishLock(Supplier<T> read) {
        publishLock.lock();
        try {
            return read.get();
        } finally {
            publishLock.unlock();
        }
    }

    ClientConnection open(WsSession session) {
        return open(session, Optional.empty());
    }

    /**
     * Registers a connection that Helidon just opened, on Helidon's thread for it, if there is room for it,
     * resuming a session if {@code resume} asks and history allows. {@code connect} is queued before the
     * connection joins the manager, so it is always the first message.
     *
     * @return the connection; when it was refused (full, or shutting down) it is already closing with 1013
     */
    ClientConnection open(WsSession session, Optional<ResumeRequest> resume) {
        if (!accepting.get()) {
            return refuse(session, "Server shutting down");
        }
        if (!connectionSlots.tryAcquire()) {
            return refuse(session, "Too many connections");
        }
        ClientConnection connection;
        // Under the publish lock no broadcast is published between the replay and joining the manager: the
        // replay ends exactly where live delivery begins, and a client that has read connect misses nothing.
        publishLock.lock();
        try {
            connection = resume.isPresent()
                    ? resume(session, resume.get())
                    : join(session, UUID.randomUUID().toString(), Optional.empty(), Set.of(), List.of());
        } catch (RuntimeException | Error e) {
            connectionSlots.release();  // its place is given back
            throw e;
        } finally {
            publishLock.unlock();
        }
        LOG.log(Level.INFO, () -> "WebSocket " + connection.sessionId() + " opened from "
                                  + (session.socketContext() == null ? "nowhere (no socket)"
                                     : session.socketContext().remotePeer().address()));
        return connection;
    }

    /**
     * Closes a connection that may not stay, and keeps it until it ends: if its peer never answers the close
     * frame, the close timeout cuts it as any other.
     */
    private ClientConnection refuse(WsSession session, String reason) {
        ClientConnection connection = new ClientConnection(UUID.randomUUID().toString(), session, 1,
                Thread.currentThread(), this::cut);
        refused.add(connection);
        close(connection, WsCloseCodes.TRY_AGAIN_LATER, reason, true);
        LOG.log(Level.DEBUG, () -> "WebSocket " + connection.sessionId() + " refused: " + reason);
        return connection;
    }

    /** Connections refused and not yet ended. */
    int refusedCount() {
        return refused.size();
    }

    /**
     * Opens a connection that asked to resume: with its session, subscriptions and missed broadcasts when
     * history allows, else as a new session told why not. A connection still open with that session is closed.
     * Called under the publish lock.
     */
    private ClientConnection resume(WsSession session, ResumeRequest request) {
        if (!request.epoch().equals(epoch)) {
            return join(session, UUID.randomUUID().toString(),
                    Optional.of(Connected.Resume.refused(ResumeRefusal.EPOCH_MISMATCH)), Set.of(), List.of());
        }
        Optional<Set<String>> live = connectionOf(request.sessionId()).map(this::supersede);
        return switch (history.resume(request, live, lastSeq)) {
            case SessionHistory.Resumed resumed -> join(session, request.sessionId(),
                    Optional.of(Connected.Resume.resumed(resumed.replay().size())), resumed.subscriptions(),
                    resumed.replay());
            case SessionHistory.Refused refused -> join(session, UUID.randomUUID().toString(),
                    Optional.of(Connected.Resume.refused(refused.reason())), Set.of(), List.of());
        };
    }

    /**
     * Creates the connection of {@code sessionId}, queues {@code connect} and {@code replay}, and registers it
     * with {@code restored} subscriptions. Called under the publish lock. Its queue holds the replay on top
     * of the usual capacity (messages and bytes), so a long replay does not make it a slow consumer.
     */
    private ClientConnection join(WsSession session, String sessionId, Optional<Connected.Resume> resumed,
                          Set<String> restored, List<OutgoingFrame.Text> replay) {
        long replayBytes = replay.stream().mapToLong(OutgoingFrame.Text::weight).sum();
        ClientConnection connection = new ClientConnection(sessionId, session,
                settings.queueCapacity() + replay.size(), settings.queueMaxBytes() + replayBytes,
                Thread.currentThread(), this::cut, metrics);
        send(connection, new Connected(Connected.GREETING, sessionId, epoch, lastSeq, resumed));
        replay.forEach(message -> send(connection, message));
        subscriptions.add(connection);
        restored.forEach(downloadId -> subscriptions.subscribe(connection, downloadId));
        return connection;
    }

    /** The open connection of {@code sessionId}, if any. */
    private Optional<ClientConnection> connectionOf(String sessionId) {
        return Optional.ofNullable(subscriptions.connection(sessionId));
    }

    void send(ClientConnection connection, SessionEvent event) {
        send(connection, OutgoingFrame.Text.of(codec.encode(event, clock.millis()), null));
    }

    /** Queues a message to one connection and has its writer send it. */
    private void send(ClientConnection connection, OutgoingFrame.Text message) {
        if (connection.writer().send(message) == FrameQueue.Offer.FULL) {
            slowConsumer(connection);
        }
    }

    /** Closes a connection whose queue is full with 1008, counted and logged once however often it was full. */
    private void slowConsumer(ClientConnection connection) {
        if (close(connection, WsCloseCodes.VIOLATED_POLICY, "slow consumer", true)) {
            slowConsumerCloses.incrementAndGet();
            LOG.log(Level.WARNING, () -> "WebSocket " + connection.sessionId() + " is not keeping up; closing it");
        }
    }

    /**
     * Changes and acknowledges a subscription under the publish lock: the change takes effect exactly after the
     * last broadcast published, which the session's history records for a later replay, and every event of the
     * download queued after the acknowledgement is newer than its snapshot.
     */
    void subscribe(ClientConnection connection, String downloadId) {
        publishLock.lock();
        try {
            switch (subscriptions.subscribe(connection, downloadId)) {
                case ADDED -> {
                    recordChange(connection, true, downloadId);
                    acknowledgeSubscribe(connection, downloadId);
                }
                case ALREADY -> acknowledgeSubscribe(connection, downloadId);
                case LIMIT_REACHED -> send(connection, new ErrorEvent("Subscription limit reached: a connection"
                        + " may follow at most " + settings.maxSubscriptions() + " downloads; unsubscribe from one"
                        + " first"));
                case BUDGET_EXHAUSTED -> send(connection, new ErrorEvent("The server follows too many downloads"
                        + " for all its clients together; unsubscribe from some or try again later"));
            }
        } finally {
            publishLock.unlock();
        }
    }

    private void acknowledgeSubscribe(ClientConnection connection, String downloadId) {
        send(connection, new SubscriptionAck(SubscriptionAck.Action.SUBSCRIBED, downloadId,
                history.snapshot(downloadId)));
    }

    void unsubscribe(ClientConnection connection, String downloadId) {
        publishLock.lock();
        try {
            if (subscriptions.unsubscribe(connection, downloadId)) {
                recordChange(connection, false, downloadId);
            }
            send(connection, new SubscriptionAck(SubscriptionAck.Action.UNSUBSCRIBED, downloadId));
        } finally {
            publishLock.unlock();
        }
    }

    /** Remembers a subscription change of a connection that still holds its session (not one resumed elsewhere). */
    private void recordChange(ClientConnection connection, boolean subscribed, String downloadId) {
        if (subscriptions.registered(connection)) {
            history.subscriptionChanged(connection.sessionId(), lastSeq, subscribed, downloadId);
        }
    }

    /**
     * Starts closing: the close frame is queued and the socket is cut if it has not ended by the close timeout.
     *
     * @return false if it was already closing
     */
    boolean close(ClientConnection connection, int code, String reason, boolean discardPending) {
        if (!connection.close(code, reason, discardPending)) {
            return false;
        }
        // when the timers are stopped, shutdown() cuts whatever is left once its own wait is over
        timers.after(settings.closeTimeout(), () -> cut(connection)).ifPresent(connection::closeDeadline);
        return true;
    }

    void closedByClient(ClientConnection connection, int code, String reason) {
        connection.closedByClient(code, reason);
        ended(connection);
    }

    /**
     * The connection is over, however that happened: forget it, keeping its session resumable for a while.
     * Safe to call more than once.
     */
    void ended(ClientConnection connection) {
        if (!connection.end() || refused.remove(connection)) {
            return;
        }
        connectionSlots.release();
        Set<String> held;
        publishLock.lock();
        try {
            held = leave(connection);
            if (held != null && accepting.get()) {
                history.ended(connection.sessionId(), held);
            }
        } finally {
            publishLock.unlock();
        }
        if (held != null) {
            LOG.log(Level.INFO, () -> "WebSocket " + connection.sessionId() + " closed: " + connection.closeReason());
        }
    }

    /**
     * Takes a still-open connection's session away from it for a resuming one: it leaves the manager at once
     * (so it gets nothing more) and is closed with 1008. Called under the publish lock.
     *
     * @return the subscriptions it held
     */
    private Set<String> supersede(ClientConnection old) {
        Set<String> held = leave(old);
        close(old, WsCloseCodes.VIOLATED_POLICY, "Session resumed elsewhere", true);
        return held == null ? Set.of() : held;
    }

    /**
     * Takes the connection out of the manager, reading the subscriptions it held in the same step.
     *
     * @return those subscriptions, or {@code null} when it was no longer registered
     */
    private Set<String> leave(ClientConnection connection) {
        synchronized (connection) {
            Set<String> held = Set.copyOf(connection.subscriptions());
            return subscriptions.remove(connection) ? held : null;
        }
    }

    private void cut(ClientConnection connection) {
        connection.cut();
        ended(connection);
    }

    /**
     * Forgets connections whose socket ended and sessions past the retention age, and closes connections that
     * leave a message unfinished past the message timeout.
     */
    private void reap() {
        publishLock.lock();
        try {
            history.prune();
        } finally {
            publishLock.unlock();
        }
        long messageTimeoutNanos = settings.messageTimeout().toNanos();
        for (ClientConnection connection : subscriptions.connections()) {
            if (!connection.socketAlive()) {
                ended(connection);
            } else if (connection.unfinishedMessageNanos() > messageTimeoutNanos) {
                close(connection, WsCloseCodes.VIOLATED_POLICY, "Message not finished within "
                                                               + settings.messageTimeout(), true);
            }
        }
        for (ClientConnection connection : refused) {
            if (!connection.socketAlive()) {
                ended(connection);
            }
        }
    }

    /**
     * Closes connections silent past the idle timeout and pings those due one ({@link ClientConnection#pingDue});
     * the pings go out through the fan-out writers, like a broadcast, rather than a thread per connection.
     */
    private void heartbeat() {
        long idleNanos = settings.idleTimeout().toNanos();
        long pingNanos = settings.pingInterval().toNanos();
        List<ConnectionWriter> due = new ArrayList<>();
        for (ClientConnection connection : subscriptions.connections()) {
            if (connection.silentNanos() > idleNanos) {
                LOG.log(Level.INFO, () -> "WebSocket " + connection.sessionId() + " silent for "
                                          + settings.idleTimeout() + "; closing it");
                close(connection, WsCloseCodes.NORMAL_CLOSE, "Idle timeout", true);
            } else if (connection.pingDue(pingNanos) && connection.writer().queuePing()) {
                due.add(connection.writer());
            }
        }
        fanOut.write(due);
    }

    /**
     * Closes every connection with 1001 "Server shutting down", waits up to the close timeout for the clients
     * to answer, cuts what is left, stops the timers and waits for the writing threads to end. New upgrades are
     * refused from the first moment. Call before the web server stops, so the close frames go out on open
     * sockets.
     */
    public void shutdown() {
        if (!accepting.compareAndSet(true, false)) {
            return;
        }
        List<ClientConnection> open = new ArrayList<>(subscriptions.connections());
        LOG.log(Level.INFO, () -> "Closing " + open.size() + " WebSocket connection(s)");
        open.forEach(c -> c.close(WsCloseCodes.GOING_AWAY, "Server shutting down", false));
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        open.forEach(c -> c.awaitClosed(deadline));
        open.stream().filter(c -> !c.isEnded()).forEach(this::cut);
        List.copyOf(refused).forEach(this::cut);
        timers.stop();
        long cutDeadline = System.nanoTime() + settings.closeTimeout().toNanos();
        open.forEach(c -> c.awaitClosed(cutDeadline));
        fanOut.awaitIdle(cutDeadline);
    }
}
