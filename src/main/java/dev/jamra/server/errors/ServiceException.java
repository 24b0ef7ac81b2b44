package dev.jamra.server.errors;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An operation the server refuses or cannot carry out, in its own terms: invalid input, input in a format it does
 * not read, an operation the caller may not ask for, something that does not exist, a conflict with what is stored,
 * a source too busy to take it now, or a manga source that failed. Features and the HTTP layer's request parsing
 * throw these and say nothing of status codes; {@code web.ErrorHandling} maps each kind to its status and a
 * {@code {message, details?}} body, in one place.
 */
public abstract sealed class ServiceException extends RuntimeException {
    private final transient Map<String, Object> details;

    private ServiceException(String message, Map<String, Object> details, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.details = Map.copyOf(details);
    }

    /** Extra facts for the caller, such as the offending field; may be empty. */
    public Map<String, Object> details() {
        return details;
    }

    /** The input breaks a validation or domain rule. */
    public static final class Invalid extends ServiceException {
        public Invalid(String message) {
            this(message, Map.of());
        }

        public Invalid(String message, Map<String, Object> details) {
            super(message, details, null);
        }

        /** A field that is missing or wrong, named in {@code details.field}. */
        public static Invalid field(String field, String message) {
            return new Invalid(message, Map.of("field", field));
        }
    }

    /** The input comes in a format the server does not read (a request body that is not JSON). */
    public static final class UnsupportedFormat extends ServiceException {
        public UnsupportedFormat(String message) {
            super(message, Map.of(), null);
        }
    }

    /** The caller may not ask for this, whatever its input. */
    public static final class Forbidden extends ServiceException {
        public Forbidden(String message) {
            super(message, Map.of(), null);
        }
    }

    /** What the operation names (an id, a key, a chapter, a page) does not exist. */
    public static final class NotFound extends ServiceException {
        public NotFound(String message) {
            super(message, Map.of(), null);
        }
    }

    /** What the operation would create is already there. */
    public static final class Conflict extends ServiceException {
        public Conflict(String message, Map<String, Object> details) {
            super(message, details, null);
        }
    }

    /** The operation cannot be served now (a source has too many requests waiting); try again after a while. */
    public static final class Unavailable extends ServiceException {
        private final Duration retryAfter;

        public Unavailable(String message, Duration retryAfter) {
            super(message, Map.of(), null);
            this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** A manga source failed to answer; the message is for people, the cause for the log. */
    public static final class SourceFailure extends ServiceException {
        public SourceFailure(String message, Throwable cause) {
            super(message, Map.of(), cause);
        }
    }
}
