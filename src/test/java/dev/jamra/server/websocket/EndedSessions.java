package dev.jamra.server.websocket;

import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.LogCapture;

/**
 * Watches the channel say, in its log, that a connection ended: how a test of a running server learns that the
 * server noticed a client that dropped or closed, and so may resume its session.
 */
final class EndedSessions implements AutoCloseable {
    private final LogCapture log = LogCapture.install(EventChannel.class.getPackageName(), Level.INFO);

    private EndedSessions() {
    }

    /** Starts watching; close it when done. */
    static EndedSessions watch() {
        return new EndedSessions();
    }

    /**
     * Waits until the server logged that the connection of {@code sessionId} ended.
     *
     * @return when it logged it, which is after it kept the session for a resume
     */
    Instant await(String sessionId) {
        Await.until(() -> ended(sessionId).isPresent(), "the server noticed that " + sessionId + " ended");
        return ended(sessionId).orElseThrow().getInstant();
    }

    /** How the connection of {@code sessionId} ended, as the log says it, once it did. */
    String how(String sessionId) {
        await(sessionId);
        String message = ended(sessionId).orElseThrow().getMessage();
        return message.substring(message.indexOf(" ended: ") + " ended: ".length());
    }

    private Optional<LogRecord> ended(String sessionId) {
        String line = "WebSocket " + sessionId + " ended: ";
        return log.records().stream().filter(r -> r.getMessage() != null && r.getMessage().startsWith(line))
                .findFirst();
    }

    @Override
    public void close() {
        log.close();
    }
}
