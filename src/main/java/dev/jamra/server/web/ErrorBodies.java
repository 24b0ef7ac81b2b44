package dev.jamra.server.web;

import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** The error body of API.md, {@code {message, details?}}, built in one place. */
public final class ErrorBodies {
    private ErrorBodies() {
    }

    public static JsonObject of(String message) {
        return of(message, Map.of());
    }

    public static JsonObject of(String message, Map<String, ?> details) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("message", message);
        if (!details.isEmpty()) {
            JsonObjectBuilder detail = Json.createObjectBuilder();
            details.forEach((key, value) -> detail.add(key, toJson(value)));
            body.add("details", detail);
        }
        return body.build();
    }

    private static JsonValue toJson(Object value) {
        return switch (value) {
            case JsonValue json -> json;
            case Integer i -> Json.createValue(i);
            case Long l -> Json.createValue(l);
            case Boolean b -> b ? JsonValue.TRUE : JsonValue.FALSE;
            default -> Json.createValue(String.valueOf(value));
        };
    }
}
