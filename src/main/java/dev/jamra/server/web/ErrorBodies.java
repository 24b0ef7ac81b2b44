package dev.jamra.server.web;

import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import static dev.jamra.server.web.JsonFactory.JSON;

/** The error body of API.md, {@code {message, details?}}, built in one place. */
public final class ErrorBodies {
    private ErrorBodies() {
    }

    public static JsonObject of(String message) {
        return of(message, Map.of());
    }

    public static JsonObject of(String message, Map<String, ?> details) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("message", message);
        if (!details.isEmpty()) {
            JsonObjectBuilder detail = JSON.createObjectBuilder();
            details.forEach((key, value) -> detail.add(key, toJson(value)));
            body.add("details", detail);
        }
        return body.build();
    }

    private static JsonValue toJson(Object value) {
        return switch (value) {
            case JsonValue json -> json;
            case Integer i -> JSON.createValue(i);
            case Long l -> JSON.createValue(l);
            case Boolean b -> b ? JsonValue.TRUE : JsonValue.FALSE;
            default -> JSON.createValue(String.valueOf(value));
        };
    }
}
