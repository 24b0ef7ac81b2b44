package dev.jamra.server.web;

import java.util.Map;

import io.helidon.http.Status;

/** 404: an id that does not exist. */
public final class NotFoundException extends ApiException {

    public NotFoundException(String message) {
        super(message, Map.of(), null);
    }

    @Override
    public Status status() {
        return Status.NOT_FOUND_404;
    }
}
