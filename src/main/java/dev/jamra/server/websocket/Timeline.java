package dev.jamra.server.websocket;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.CoalesceKey;
import dev.jamra.server.events.Connected;
import dev.jamra.server.events.ErrorEvent;
import dev.jamra.server.events.EventCodec;
import dev.jamra.server.events.ResumeRefusal;
import dev.jamra.server.events.SessionEvent;
import dev.jamra.server.events.SubscriptionAck;
import dev.jamra.server.websocket.delivery.ConnectionWriter;
import dev.jamra.server.websocket.delivery.FrameQueue;
import dev.jamra.server.websocket.delivery.OutgoingFrame;
import dev.jamra.server.websocket.delivery.QueueLimits;
import dev.jamra.server.websocket.history.ResumeRequest;
import dev.jamra.server.websocket.history.RetentionSettings;
import dev.jamra.server.websocket.history.SessionHistory;

/**
 * The channel's one order, kept under one lock: a broadcast gets its {@code seq}, is recorded in the
 * {@link SessionHistory} and is queued to its recipients; a connection joins (after its resume's replay),
 * changes its subscriptions or is forgotten, each between two broadcasts. So every connection gets broadcasts in
 * seq order, a replay ends exactly where live delivery begins, and a subscription changes at one instant for
 * publishers and for the history. Nothing here waits on a client: queueing never blocks.
 */
final class Timeline {

    /**
     * Makes the connection of a joining session, once it is known, with its queue's {@code limits}: the usual
     * ones, plus room for its replay (a long replay does not make it a slow consumer).
     */
    @FunctionalInterface
    interface Joiner {
        ClientConnection connection(String sessionId, QueueLimits limits, SessionHistory.Changes changes);
    }

    /** A connection that joined, and the one whose session it resumed while still open, for the caller to close. */
    record Joined(ClientConnection connection, Optional<ClientConnection> displaced) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final EventCodec codec = new EventCodec();
    private final Clock clock;
    private final int maxSubscriptions;
    private final QueueLimits queueLimits;
    private final SubscriptionManager subscriptions;
    /** Names this server run, so a client can tell that sequence numbers started again. */
    private final String epoch = UUID.randomUUID().toString();
    private final SessionHistory history;  // guarded by lock
    private long lastSeq;  // guarded by lock

    Timeline(WebSocketSettings settings, RetentionSettings retention, Clock clock) {
        this.clock = clock;
        this.maxSubscriptions = settings.maxSubscriptions();
        this.queueLimits = settings.queueLimits();
        this.subscriptions = new SubscriptionManager(settings.maxSubscriptions(),
                new MemoryBudget(settings.subscriptionMemory()));
        this.history = new SessionHistory(retention, settings.maxConnections(), clock);
    }

    /** Publishes {@code event}: numbers it, encodes it once, records it and queues it to every recipient. */
    Delivery publish(BroadcastEvent event) {
        CoalesceKey key = event.coalesceKey().orElse(null);
        Optional<String> topic = event.topic();
        Delivery delivery = new Delivery(subscriptions.connectionCount());
        lock.lock();
        try {
            long seq = lastSeq + 1;
            delivery.message = OutgoingFrame.Text.of(codec.encode(event, clock.millis(), seq), key);
            lastSeq = seq;
            history.published(seq, event, topic, delivery.message);
            subscriptions.forEachRecipient(topic, delivery);
        } finally {
            lock.unlock();
        }
        return delivery;
    }

    /**
     * Registers a connection, resuming a session if {@code resume} asks and the history allows, else in a new
     * session (told why not, if it asked). {@code connect} is queued before the connection joins, so it is always
     * the first message, then the replay. A connection still open with the session resumed leaves at once (it
     * gets nothing more) and is handed back as {@code displaced}.
     */
    Joined join(Optional<ResumeRequest> resume, Joiner joiner) {
        lock.lock();
        try {
            if (resume.isEmpty()) {
                return new Joined(fresh(joiner, Optional.empty()), Optional.empty());
            }
            ResumeRequest request = resume.get();
            if (!request.epoch().equals(epoch)) {
                return new Joined(fresh(joiner, Optional.of(Connected.Resume.refused(
                        ResumeRefusal.EPOCH_MISMATCH))), Optional.empty());
            }
            Optional<ClientConnection> displaced = Optional.ofNullable(subscriptions.connection(request.sessionId()));
            Optional<SessionHistory.Held> live = displaced.map(this::takeSession);
            ClientConnection joined = switch (history.resume(request, live, lastSeq)) {
                case SessionHistory.Resumed resumed -> register(joiner, request.sessionId(),
                        Optional.of(Connected.Resume.resumed(resumed.replay().size())), resumed.held(),
                        resumed.replay());
                case SessionHistory.Refused refused -> fresh(joiner,
                        Optional.of(Connected.Resume.refused(refused.reason())));
            };
            return new Joined(joined, displaced);
        } finally {
            lock.unlock();
        }
    }

    private ClientConnection fresh(Joiner joiner, Optional<Connected.Resume> resume) {
        return register(joiner, UUID.randomUUID().toString(), resume,
                new SessionHistory.Held(Set.of(), new SessionHistory.Changes()), List.of());
    }

    /** Takes an open connection's session away from it: what it held, with it out of the registry. */
    private SessionHistory.Held takeSession(ClientConnection open) {
        Set<String> held = unregister(open);
        return new SessionHistory.Held(held == null ? Set.of() : held, open.changes());
    }

    private ClientConnection register(Joiner joiner, String sessionId, Optional<Connected.Resume> resume,
                                      SessionHistory.Held held, List<OutgoingFrame.Text> replay) {
        long replayBytes = 0;
        for (OutgoingFrame.Text message : replay) {
            replayBytes += message.weight();
        }
        ClientConnection connection = joiner.connection(sessionId, queueLimits.plus(replay.size(), replayBytes),
                held.changes());
        // a fresh queue with room for both: neither can find it full
        connection.send(encode(Connected.session(sessionId, epoch, lastSeq, resume)));
        replay.forEach(connection::send);
        subscriptions.add(connection);
        held.subscriptions().forEach(downloadId -> subscriptions.subscribe(connection, downloadId));
        return connection;
    }

    /**
     * Subscribes a connection to {@code downloadId} and queues the answer: the change takes effect exactly after
     * the last broadcast published, which the session's history records for a later replay, and every event of
     * the download queued after the acknowledgement is newer than its snapshot.
     *
     * @return how queueing the answer went ({@link FrameQueue.Offer#FULL}: the client does not keep up)
     */
    FrameQueue.Offer subscribe(ClientConnection connection, String downloadId) {
        lock.lock();
        try {
            SessionEvent answer = switch (subscriptions.subscribe(connection, downloadId)) {
                case ADDED -> {
                    recordChange(connection, true, downloadId);
                    yield acknowledgeSubscribe(downloadId);
                }
                case ALREADY -> acknowledgeSubscribe(downloadId);
                case LIMIT_REACHED -> new ErrorEvent("Subscription limit reached: a connection may follow at most "
                        + maxSubscriptions + " downloads; unsubscribe from one first");
                case BUDGET_EXHAUSTED -> new ErrorEvent("The server follows too many downloads for all its clients"
                        + " together; unsubscribe from some or try again later");
            };
            return connection.send(encode(answer));
        } finally {
            lock.unlock();
        }
    }

    private SubscriptionAck acknowledgeSubscribe(String downloadId) {
        return new SubscriptionAck(SubscriptionAck.Action.SUBSCRIBED, downloadId, history.snapshot(downloadId));
    }

    /** Unsubscribes a connection from {@code downloadId} and queues the acknowledgement, as {@link #subscribe}. */
    FrameQueue.Offer unsubscribe(ClientConnection connection, String downloadId) {
        lock.lock();
        try {
            if (subscriptions.unsubscribe(connection, downloadId)) {
                recordChange(connection, false, downloadId);
            }
            return connection.send(encode(new SubscriptionAck(SubscriptionAck.Action.UNSUBSCRIBED, downloadId)));
        } finally {
            lock.unlock();
        }
    }

    /** Remembers a subscription change of a connection that still holds its session (not one resumed elsewhere). */
    private void recordChange(ClientConnection connection, boolean subscribed, String downloadId) {
        if (subscriptions.registered(connection)) {
            history.subscriptionChanged(connection.changes(), lastSeq, subscribed, downloadId);
        }
    }

    /**
     * Takes a connection that ended out of the registry; with {@code resumable} its session may be resumed for
     * a while.
     *
     * @return whether it was still registered: false when a resume elsewhere took its session, or it was
     *         forgotten already
     */
    boolean forget(ClientConnection connection, boolean resumable) {
        lock.lock();
        try {
            Set<String> held = unregister(connection);
            if (held == null) {
                return false;
            }
            if (resumable) {
                history.ended(connection.sessionId(), new SessionHistory.Held(held, connection.changes()));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the connection out of the registry, reading the subscriptions it held in the same step.
     *
     * @return those subscriptions, or {@code null} when it was no longer registered
     */
    private Set<String> unregister(ClientConnection connection) {
        synchronized (connection) {
            Set<String> held = Set.copyOf(connection.subscriptions());
            return subscriptions.remove(connection) ? held : null;
        }
    }

    /** Forgets broadcasts and ended sessions older than the retention age. */
    void prune() {
        lock.lock();
        try {
            history.prune();
        } finally {
            lock.unlock();
        }
    }

    /** A message to one connection, made now. */
    OutgoingFrame.Text encode(SessionEvent event) {
        return OutgoingFrame.Text.of(codec.encode(event, clock.millis()), null);
    }

    int connectionCount() {
        return subscriptions.connectionCount();
    }

    Collection<ClientConnection> connections() {
        return subscriptions.connections();
    }

    /**
     * One broadcast's recipients, as queueing it to them went: the writers with it queued, for a fan-out pass, and
     * the connections whose queue was full, to be closed as slow consumers once the pass is under way.
     */
    static final class Delivery implements Consumer<ClientConnection> {
        private final List<ConnectionWriter> queued;
        private List<ClientConnection> full;  // null until one is full: most broadcasts find none
        private OutgoingFrame.Text message;

        private Delivery(int recipients) {
            this.queued = new ArrayList<>(recipients);
        }

        @Override
        public void accept(ClientConnection connection) {
            switch (connection.writer().queueBroadcast(message)) {
                case QUEUED -> queued.add(connection.writer());
                case FULL -> {
                    if (full == null) {
                        full = new ArrayList<>(1);
                    }
                    full.add(connection);
                }
                case CLOSED -> { }
            }
        }

        /** The writers that have it queued; the list is the caller's, to hand to a fan-out pass. */
        List<ConnectionWriter> queued() {
            return queued;
        }

        List<ClientConnection> full() {
            return full == null ? List.of() : full;
        }
    }
}
