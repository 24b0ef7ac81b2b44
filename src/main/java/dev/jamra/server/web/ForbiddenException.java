package dev.jamra.server.web;

import java.util.Map;

import io.helidon.http.Status;

/** 403: the request may not do this, whatever its input. */
public final class ForbiddenException extends ApiException {

    public ForbiddenException(String message) {
        super(message, Map.of(), null);
    }

    @Override
    public Status status() {
        return Status.FORBIDDEN_403;
    }
}
