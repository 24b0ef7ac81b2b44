package dev.jamra.server.websocket;

import java.time.Duration;
import java.util.Objects;

import io.helidon.config.Config;

/**
 * How much of the past the event channel keeps so that clients can resume ({@code websocket.retention.*}).
 *
 * @param maxEvents broadcasts retained for replay, the newest ones
 * @param maxAge    oldest broadcast retained, and how long an ended session can still be resumed
 */
public record RetentionSettings(int maxEvents, Duration maxAge) {

    public static final int DEFAULT_MAX_EVENTS = 10_000;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(2);

    public RetentionSettings {
        if (maxEvents < 0) {
            throw new IllegalArgumentException("websocket.retention.max-events must not be negative, was " + maxEvents);
        }
        Objects.requireNonNull(maxAge, "max-age");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("websocket.retention.max-age must be positive, was " + maxAge);
        }
    }

    public static RetentionSettings defaults() {
        return new RetentionSettings(DEFAULT_MAX_EVENTS, DEFAULT_MAX_AGE);
    }

    /** Reads the {@code websocket.retention} node; every key is optional. */
    public static RetentionSettings from(Config retention) {
        return new RetentionSettings(
                retention.get("max-events").asInt().orElse(DEFAULT_MAX_EVENTS),
                retention.get("max-age").as(Duration.class).orElse(DEFAULT_MAX_AGE));
    }
}
