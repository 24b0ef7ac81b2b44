package dev.jamra.server.websocket;

import java.time.Instant;
import java.util.Optional;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.LogLines;

/**
 * Watches the channel say, in its log, that a connection ended: how a test of a running server learns that the
 * server noticed a client that dropped or closed, and so may resume its session.
 */
final class EndedSessions implements AutoCloseable {
    private final LogLines log = LogLines.of(EventChannel.class.getPackageName());

    private EndedSessions() {
    }

    /** Starts watching; close it when done. */
    static EndedSessions watch() {
        return new EndedSessions();
    }

    /**
     * Waits until the server logged that the connection of {@code sessionId} ended.
     *
     * @return a moment after it logged it, which is after it kept the session for a resume
     */
    Instant await(String sessionId) {
        Await.until(() -> ended(sessionId).isPresent(), "the server noticed that " + sessionId + " ended");
        return Instant.now();
    }

    /** How the connection of {@code sessionId} ended, as the log says it, once it did. */
    String how(String sessionId) {
        await(sessionId);
        return ended(sessionId).orElseThrow();
    }

    /** How the connection of {@code sessionId} ended, if the log said so yet. */
    private Optional<String> ended(String sessionId) {
        String line = "INFO WebSocket " + sessionId + " ended: ";
        return log.lines().stream().filter(l -> l.startsWith(line)).map(l -> l.substring(line.length()))
                .findFirst();
    }

    @Override
    public void close() {
        log.close();
    }
}
