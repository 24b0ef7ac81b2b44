package dev.jamra.server.websocket.history;

import java.time.Duration;
import java.util.Objects;

import io.helidon.config.Config;

/**
 * How much of the past the event channel keeps so that clients can resume ({@code websocket.retention.*}).
 *
 * @param maxEvents broadcasts retained for replay, the newest ones
 * @param maxBytes  bytes the retained broadcasts may hold together
 *                  ({@link dev.jamra.server.websocket.delivery.OutgoingFrame.Text#weight()}); the oldest go first
 * @param maxAge    oldest broadcast retained, and how long an ended session can still be resumed
 */
public record RetentionSettings(int maxEvents, long maxBytes, Duration maxAge) {

    public RetentionSettings {
        if (maxEvents < 0) {
            throw new IllegalArgumentException("websocket.retention.max-events must not be negative, was " + maxEvents);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("websocket.retention.max-bytes must not be negative, was " + maxBytes);
        }
        Objects.requireNonNull(maxAge, "max-age");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("websocket.retention.max-age must be positive, was " + maxAge);
        }
    }

    /** Reads the {@code websocket.retention} node; the built-in {@code application.yaml} gives every key. */
    public static RetentionSettings from(Config retention) {
        return new RetentionSettings(
                retention.get("max-events").asInt().get(),
                retention.get("max-bytes").asLong().get(),
                retention.get("max-age").as(Duration.class).get());
    }
}
