package dev.jamra.server.websocket;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.DownloadEvent;
import dev.jamra.server.events.LibraryEvent;

/**
 * The open connections and their download subscriptions, indexed so that choosing the recipients of an event
 * never scans subscriptions it does not concern: connections with no subscriptions form the "firehose" set,
 * and each download id maps to the connections subscribed to it. A connection's own changes are serialized on
 * its monitor; publishers read the two sets concurrently.
 */
public final class SubscriptionManager {

    /** The answer to a subscribe. */
    enum Subscribed { ADDED, ALREADY, LIMIT_REACHED }

    private final int maxSubscriptions;
    private final ConcurrentHashMap<String, ClientConnection> connections = new ConcurrentHashMap<>();
    private final Set<ClientConnection> firehose = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<ClientConnection>> subscribers = new ConcurrentHashMap<>();

    SubscriptionManager(int maxSubscriptions) {
        this.maxSubscriptions = maxSubscriptions;
    }

    /**
     * The delivery rule of the seed, applied to every open connection exactly once per event: library events
     * reach everyone; a download event reaches connections with no subscriptions and those subscribed to its
     * download. {@code seq} tells visits of one event apart, so a connection that moves between the two sets
     * during the call is not served twice; calls must not overlap (the channel publishes under a lock).
     */
    void forEachRecipient(BroadcastEvent event, long seq, Consumer<ClientConnection> deliver) {
        switch (event) {
            case LibraryEvent library -> connections.values().forEach(c -> once(c, seq, deliver));
            case DownloadEvent download -> {
                // Subscribe adds to the index before leaving the firehose, unsubscribe the reverse, so a
                // connection is always in one of the two sets this walks.
                firehose.forEach(c -> once(c, seq, deliver));
                subscribers.getOrDefault(download.downloadId(), Set.of()).forEach(c -> once(c, seq, deliver));
            }
        }
    }

    private static void once(ClientConnection connection, long seq, Consumer<ClientConnection> deliver) {
        if (connection.lastBroadcastSeq != seq) {
            connection.lastBroadcastSeq = seq;
            deliver.accept(connection);
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
            connection.subscribe(downloadId);
            if (connections.get(connection.sessionId()) == connection) {
                subscribers.computeIfAbsent(downloadId, id -> ConcurrentHashMap.newKeySet()).add(connection);
                firehose.remove(connection);
            }
            return Subscribed.ADDED;
        }
    }

    void unsubscribe(ClientConnection connection, String downloadId) {
        synchronized (connection) {
            if (!connection.unsubscribe(downloadId)) {
                return;
            }
            if (connections.get(connection.sessionId()) == connection) {
                if (connection.subscriptions().isEmpty()) {
                    firehose.add(connection);
                }
                unindex(connection, downloadId);
            }
        }
    }

    private void unindex(ClientConnection connection, String downloadId) {
        subscribers.computeIfPresent(downloadId, (id, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /** Open connections now. */
    public int connectionCount() {
        return connections.size();
    }

    Collection<ClientConnection> connections() {
        return Collections.unmodifiableCollection(connections.values());
    }

    /** The open connection of {@code sessionId}, if any. */
    ClientConnection connection(String sessionId) {
        return connections.get(sessionId);
    }

    /** How many download ids have at least one subscriber; the index holds nothing else. */
    int indexedDownloads() {
        return subscribers.size();
    }
}
