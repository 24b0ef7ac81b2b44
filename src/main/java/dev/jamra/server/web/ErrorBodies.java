package dev.jamra.server.web;

import java.util.List;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * The error body of docs/API.md, {@code {message, details?}}, built in one place. Detail values may be JSON values,
 * numbers, booleans, lists (as arrays) or anything else (as its string).
 */
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
            case List<?> list -> {
                JsonArrayBuilder array = JSON.createArrayBuilder();
                list.forEach(item -> array.add(toJson(item)));
                yield array.build();
            }
            default -> JSON.createValue(String.valueOf(value));
        };
    }
}
