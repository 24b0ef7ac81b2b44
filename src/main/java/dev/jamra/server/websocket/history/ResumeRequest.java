package dev.jamra.server.websocket.history;

import java.util.Optional;
import java.util.function.Function;

/**
 * A client's wish to resume session {@code sessionId} of server run {@code epoch}, having applied broadcasts up
 * to {@code lastSeq}; read from the upgrade's query {@code ?resume=S&epoch=E&lastSeq=N}. A missing epoch is
 * {@code ""}; a missing or malformed {@code lastSeq} is {@code -1}, which no retained history can follow.
 */
public record ResumeRequest(String sessionId, String epoch, long lastSeq) {

    /**
     * The request in an upgrade's query, if it asks to resume.
     *
     * @param query the first value of a query parameter, by name
     */
    public static Optional<ResumeRequest> from(Function<String, Optional<String>> query) {
        String sessionId = query.apply("resume").orElse("");
        if (sessionId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResumeRequest(sessionId, query.apply("epoch").orElse(""),
                lastSeq(query.apply("lastSeq").orElse(""))));
    }

    private static long lastSeq(String text) {
        try {
            long value = Long.parseLong(text);
            return value < 0 ? -1 : value;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
