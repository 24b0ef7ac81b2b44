package dev.jamra.server.web;

import java.util.Map;

import io.helidon.http.Status;

/** 502: a manga source failed to answer. */
public final class UpstreamException extends ApiException {

    public UpstreamException(String message, Throwable cause) {
        super(message, Map.of(), cause);
    }

    @Override
    public Status status() {
        return Status.BAD_GATEWAY_502;
    }
}
