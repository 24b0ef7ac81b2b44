package dev.jamra.server.sources;

import java.time.Duration;
import java.util.Objects;

/**
 * A source cannot take the request now: too many are waiting for their turn under its rate limits. The caller may
 * try again after {@link #retryAfter()}; the REST API answers it as 503 with {@code Retry-After}.
 */
public class SourceBusyException extends SourceException {
    private final Duration retryAfter;

    public SourceBusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long the caller should wait before it asks again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
