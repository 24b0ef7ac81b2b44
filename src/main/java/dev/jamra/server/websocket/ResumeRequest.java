package dev.jamra.server.websocket;

import java.util.Optional;

import io.helidon.common.uri.UriQuery;

/**
 * A client's wish to resume session {@code sessionId} of server run {@code epoch}, having applied broadcasts up
 * to {@code lastSeq}; read from the upgrade's query {@code ?resume=S&epoch=E&lastSeq=N}. A missing epoch is
 * {@code ""}; a missing or malformed {@code lastSeq} is {@code -1}, which no retained history can follow.
 */
record ResumeRequest(String sessionId, String epoch, long lastSeq) {

    /** The request in {@code query}, if it asks to resume. */
    static Optional<ResumeRequest> from(UriQuery query) {
        String sessionId = query.first("resume").orElse("");
        if (sessionId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResumeRequest(sessionId, query.first("epoch").orElse(""),
                lastSeq(query.first("lastSeq").orElse(""))));
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
