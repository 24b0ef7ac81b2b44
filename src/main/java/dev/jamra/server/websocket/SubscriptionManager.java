package dev.jamra.server.websocket;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The open connections and their download subscriptions, indexed so that choosing the recipients of an event
 * never scans subscriptions it does not concern: connections with no subscriptions form the "firehose" set,
 * and each download id maps to the connections subscribed to it. A connection's own changes are serialized on
 * its monitor; publishers read the two sets concurrently. What all subscriptions hold together is bounded by a
 * {@link MemoryBudget} shared by every connection.
 */
final class SubscriptionManager {

    /** The answer to a subscribe. */
    enum Subscribed { ADDED, ALREADY, LIMIT_REACHED, BUDGET_EXHAUSTED }

    /**
     * What one subscription is taken to cost besides its id's characters: the id's String, its entry in the
     * connection's set and in the index (and the index's set for a new id), rounded up.
     */
    static final long SUBSCRIPTION_OVERHEAD_BYTES = 160;

    private final int maxSubscriptions;
    private final MemoryBudget budget;
    /**
     * Held while a download event walks the two sets, and while a connection moves between them: a walk could
     * otherwise miss a connection moving one way (reading the firehose before the move and the index after it)
     * or meet it twice moving the other way.
     */
    private final ReentrantLock moving = new ReentrantLock();
    private final ConcurrentHashMap<String, ClientConnection> connections = new ConcurrentHashMap<>();
    private final Set<ClientConnection> firehose = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<ClientConnection>> subscribers = new ConcurrentHashMap<>();

    SubscriptionManager(int maxSubscriptions, MemoryBudget budget) {
        this.maxSubscriptions = maxSubscriptions;
        this.budget = budget;
    }

    /** The bytes a subscription to {@code downloadId} is counted as in the budget (two per character at most). */
    static long cost(String downloadId) {
        return SUBSCRIPTION_OVERHEAD_BYTES + 2L * downloadId.length();
    }

    /**
     * The delivery rule of docs/PROTOCOL.md ("Delivery"), applied to every open connection exactly once per event:
     * an event without a topic ({@link dev.jamra.server.events.BroadcastEvent#topic()}) reaches everyone; one
     * with a topic, a download, reaches connections with no subscriptions and those subscribed to that download.
     * A connection is in exactly one of those two places whenever a walk can see it: it moves between them only
     * under the lock the walk holds.
     */
    void forEachRecipient(Optional<String> topic, Consumer<ClientConnection> deliver) {
        if (topic.isEmpty()) {
            connections.values().forEach(deliver);
            return;
        }
        moving.lock();
        try {
            firehose.forEach(deliver);
            subscribers.getOrDefault(topic.get(), Set.of()).forEach(deliver);
        } finally {
            moving.unlock();
        }
    }

    void add(ClientConnection connection) {
        synchronized (connection) {
            connections.put(connection.sessionId(), connection);
            if (connection.subscriptions().isEmpty()) {
                firehose.add(connection);
            }
        }
    }

    /** @return whether the connection was registered until now */
    boolean remove(ClientConnection connection) {
        synchronized (connection) {
            if (!connections.remove(connection.sessionId(), connection)) {
                return false;
            }
            firehose.remove(connection);
            for (String downloadId : connection.subscriptions()) {
                unindex(connection, downloadId);
                budget.release(cost(downloadId));
            }
            connection.clearSubscriptions();
            return true;
        }
    }

    Subscribed subscribe(ClientConnection connection, String downloadId) {
        synchronized (connection) {
            Set<String> own = connection.subscriptions();
            if (own.contains(downloadId)) {
                return Subscribed.ALREADY;
            }
            if (own.size() >= maxSubscriptions) {
                return Subscribed.LIMIT_REACHED;
            }
            if (!registered(connection)) {
                return Subscribed.ADDED;  // it is closing: nothing will reach it, so nothing is kept for it
            }
            if (!budget.tryReserve(cost(downloadId))) {
                return Subscribed.BUDGET_EXHAUSTED;
            }
            connection.subscribe(downloadId);
            if (connection.subscriptions().size() == 1) {
                leaveFirehose(connection, downloadId);
            } else {
                index(connection, downloadId);
            }
            return Subscribed.ADDED;
        }
    }

    /** @return whether the connection held that subscription until now */
    boolean unsubscribe(ClientConnection connection, String downloadId) {
        synchronized (connection) {
            if (!connection.unsubscribe(downloadId)) {
                return false;
            }
            budget.release(cost(downloadId));
            if (connection.subscriptions().isEmpty()) {
                joinFirehose(connection, downloadId);
            } else {
                unindex(connection, downloadId);
            }
            return true;
        }
    }

    /** Whether the connection is the one its session is registered with (not closed, not resumed elsewhere). */
    boolean registered(ClientConnection connection) {
        return connections.get(connection.sessionId()) == connection;
    }

    /** The first subscription, to {@code downloadId}: out of the firehose, in one step for publishers. */
    private void leaveFirehose(ClientConnection connection, String downloadId) {
        moving.lock();
        try {
            index(connection, downloadId);
            firehose.remove(connection);
        } finally {
            moving.unlock();
        }
    }

    private void index(ClientConnection connection, String downloadId) {
        subscribers.computeIfAbsent(downloadId, id -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /** The last subscription, to {@code downloadId}, is gone: back to the firehose, in one step for publishers. */
    private void joinFirehose(ClientConnection connection, String downloadId) {
        moving.lock();
        try {
            firehose.add(connection);
            unindex(connection, downloadId);
        } finally {
            moving.unlock();
        }
    }

    private void unindex(ClientConnection connection, String downloadId) {
        subscribers.computeIfPresent(downloadId, (id, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /** Open connections now. */
    int connectionCount() {
        return connections.size();
    }

    Collection<ClientConnection> connections() {
        return Collections.unmodifiableCollection(connections.values());
    }

    /** The open connection of {@code sessionId}, if any. */
    ClientConnection connection(String sessionId) {
        return connections.get(sessionId);
    }
}
