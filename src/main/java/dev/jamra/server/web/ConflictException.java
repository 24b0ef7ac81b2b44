package dev.jamra.server.web;

import java.util.Map;

import io.helidon.http.Status;

/** 409: the thing to create is already there. */
public final class ConflictException extends ApiException {

    public ConflictException(String message, Map<String, Object> details) {
        super(message, details, null);
    }

    @Override
    public Status status() {
        return Status.CONFLICT_409;
    }
}
