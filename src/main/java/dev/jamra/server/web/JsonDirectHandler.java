package dev.jamra.server.web;

import java.nio.charset.StandardCharsets;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers the failures the server detects before routing (a body over {@code max-payload-size}, a request it
 * cannot parse) with the API's JSON error body instead of Helidon's empty or plain-text one. Messages that
 * Helidon does not mark safe were already replaced by a generic sentence when they reach this handler.
 */
public final class JsonDirectHandler implements DirectHandler {

    private JsonDirectHandler() {
    }

    /** This handler for every kind of direct failure. */
    public static DirectHandlers all() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        JsonDirectHandler handler = new JsonDirectHandler();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, handler);
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        String text;
        if (status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
            text = "The request body is larger than this server accepts";
        } else {
            text = message == null || message.isBlank() ? status.reasonPhrase() : message;
        }
        headers.set(HeaderValues.CONTENT_TYPE_JSON);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .keepAlive(eventType.keepAlive())
                .entity(ErrorBodies.of(text).toString().getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
