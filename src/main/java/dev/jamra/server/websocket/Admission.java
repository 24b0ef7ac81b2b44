package dev.jamra.server.websocket;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which connections may stay: at most {@code max-connections} at once, none once the server stops. A place is
 * taken before a connection joins, so the cap holds under any race; a connection that gets none is closed with
 * 1013 and kept here, not admitted, until it ends.
 */
final class Admission {
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    /** One permit per open connection. */
    private final Semaphore places;
    private final Set<ClientConnection> notAdmitted = ConcurrentHashMap.newKeySet();

    Admission(int maxConnections) {
        this.places = new Semaphore(maxConnections);
    }

    boolean accepting() {
        return accepting.get();
    }

    /**
     * Takes a place for a new connection.
     *
     * @return why it may not stay; empty when it may, a place then being its own
     */
    Optional<CloseReason> admit() {
        if (!accepting.get()) {
            return Optional.of(CloseReason.NOT_ACCEPTING);
        }
        if (!places.tryAcquire()) {
            return Optional.of(CloseReason.NO_ROOM);
        }
        return Optional.empty();
    }

    /** Gives the place of a connection that is over back. */
    void release() {
        places.release();
    }

    /** Keeps a connection that got no place, closing, until it ends. */
    void notAdmitted(ClientConnection connection) {
        notAdmitted.add(connection);
    }

    /** @return whether {@code connection} was one that got no place (it is forgotten now) */
    boolean forgetNotAdmitted(ClientConnection connection) {
        return notAdmitted.remove(connection);
    }

    /** The connections that got no place and have not ended yet. */
    Collection<ClientConnection> notAdmitted() {
        return notAdmitted;
    }

    /**
     * Refuses every connection from now on.
     *
     * @return false if it already did
     */
    boolean stop() {
        return accepting.compareAndSet(true, false);
    }
}
