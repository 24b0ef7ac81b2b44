package dev.jamra.server.web;

import java.util.Map;

import io.helidon.http.Status;

/** 400: the input breaks a validation or domain rule. */
public final class BadRequestException extends ApiException {

    public BadRequestException(String message) {
        this(message, Map.of());
    }

    public BadRequestException(String message, Map<String, Object> details) {
        super(message, details, null);
    }

    /** A field that is missing or wrong, named in {@code details.field}. */
    public static BadRequestException field(String field, String message) {
        return new BadRequestException(message, Map.of("field", field));
    }

    @Override
    public Status status() {
        return Status.BAD_REQUEST_400;
    }
}
