package dev.jamra.server.web;

import java.util.Map;
import java.util.Objects;

import io.helidon.http.Status;

/**
 * A request that cannot be served, with the status and a message for the client. The HTTP layer (handlers and
 * request parsing) throws the subtypes, services throw {@code errors.ServiceException} instead;
 * {@link ErrorHandling} turns both into {@code {message, details?}} JSON bodies.
 */
public abstract sealed class ApiException extends RuntimeException
        permits BadRequestException, ForbiddenException, NotFoundException, ConflictException,
                UnsupportedMediaTypeException, UpstreamException {

    private final transient Map<String, Object> details;

    protected ApiException(String message, Map<String, Object> details, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.details = Map.copyOf(details);
    }

    /** The HTTP status this failure answers with. */
    public abstract Status status();

    /** Extra facts for the client, such as the offending field; may be empty. */
    public Map<String, Object> details() {
        return details;
    }
}
