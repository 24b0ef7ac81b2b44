package dev.jamra.server.web;

import java.util.Map;

import io.helidon.http.Status;

/** 415: a body that is not JSON. */
public final class UnsupportedMediaTypeException extends ApiException {

    public UnsupportedMediaTypeException(String message) {
        super(message, Map.of(), null);
    }

    @Override
    public Status status() {
        return Status.UNSUPPORTED_MEDIA_TYPE_415;
    }
}
