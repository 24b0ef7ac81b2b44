package dev.jamra.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.jamra.server.errors.ServiceException;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Typed reads of request-body fields, each failing with a 400 that names the field. An optional field that is
 * absent or {@code null} reads as empty; a field of the wrong JSON type is always an error, never coerced.
 */
public final class JsonFields {
    private JsonFields() {
    }

    /** A string that is present and not blank. */
    public static String requiredString(JsonObject body, String name) {
        return optionalString(body, name)
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> ServiceException.Invalid.field(name, name + " is required and must not be empty"));
    }

    /** A string that is present, not blank and at most {@code maxLength} characters long. */
    public static String requiredString(JsonObject body, String name, int maxLength) {
        return limited(requiredString(body, name), name, maxLength);
    }

    /** An array of strings, each not blank and at most {@code maxLength} characters long; it may be empty. */
    public static List<String> requiredStrings(JsonObject body, String name, int maxLength) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ServiceException.Invalid.field(name, name + " is required and must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonValue item : value.asJsonArray()) {
            if (!(item instanceof JsonString string) || string.getString().isBlank()) {
                throw ServiceException.Invalid.field(name, name + " must hold non-empty strings");
            }
            strings.add(limited(string.getString(), name, maxLength));
        }
        return strings;
    }

    /** A string as given (possibly blank) of at most {@code maxLength} characters; empty when absent or null. */
    public static Optional<String> optionalString(JsonObject body, String name, int maxLength) {
        return optionalString(body, name).map(value -> limited(value, name, maxLength));
    }

    /** A string as given (possibly blank), empty when absent or {@code null}. */
    public static Optional<String> optionalString(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (isAbsent(value)) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString string)) {
            throw ServiceException.Invalid.field(name, name + " must be a string");
        }
        return Optional.of(string.getString());
    }

    /**
     * A label such as a chapter number, which clients send as a string ({@code "12.5"}) or a number
     * ({@code 12.5}); a number comes back as its JSON text. Empty when absent or {@code null}.
     */
    public static Optional<String> optionalLabel(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value instanceof JsonNumber number) {
            return Optional.of(number.toString());
        }
        if (isAbsent(value) || value instanceof JsonString) {
            return optionalString(body, name);
        }
        throw ServiceException.Invalid.field(name, name + " must be a string or a number");
    }

    /** A label as {@link #optionalLabel(JsonObject, String)} reads it, of at most {@code maxLength} characters. */
    public static Optional<String> optionalLabel(JsonObject body, String name, int maxLength) {
        return optionalLabel(body, name).map(value -> limited(value, name, maxLength));
    }

    /**
     * Any JSON value, {@code null} included, as long as the field is there and its JSON text has at most
     * {@code maxLength} characters.
     */
    public static JsonValue requiredValue(JsonObject body, String name, int maxLength) {
        JsonValue value = requiredValue(body, name);
        if (value.toString().length() > maxLength) {
            throw ServiceException.Invalid.field(name, name + " holds a value longer than " + maxLength
                                                      + " characters of JSON");
        }
        return value;
    }

    /** A JSON boolean ({@code true}/{@code false}, not a string), empty when absent or {@code null}. */
    public static Optional<Boolean> optionalBoolean(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (isAbsent(value)) {
            return Optional.empty();
        }
        return switch (value.getValueType()) {
            case TRUE -> Optional.of(true);
            case FALSE -> Optional.of(false);
            default -> throw ServiceException.Invalid.field(name, name + " must be true or false");
        };
    }

    /** A whole JSON number within the range of {@code int}. */
    public static int requiredInt(JsonObject body, String name) {
        return optionalInt(body, name)
                .orElseThrow(() -> ServiceException.Invalid.field(name,
                        name + " is required and must be a whole number"));
    }

    /** A whole JSON number within the range of {@code int}, empty when absent or {@code null}. */
    public static Optional<Integer> optionalInt(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (isAbsent(value)) {
            return Optional.empty();
        }
        if (value instanceof JsonNumber number) {
            try {
                return Optional.of(number.bigDecimalValue().intValueExact());
            } catch (ArithmeticException e) {
                // a fraction or a number too large: reported below
            }
        }
        throw ServiceException.Invalid.field(name, name + " must be a whole number");
    }

    /** Any JSON value, {@code null} included, as long as the field is there. */
    public static JsonValue requiredValue(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null) {
            throw ServiceException.Invalid.field(name, name + " is required");
        }
        return value;
    }

    /** {@code value} of field {@code name}, when it has at most {@code maxLength} characters. */
    public static String limited(String value, String name, int maxLength) {
        if (value.length() > maxLength) {
            throw ServiceException.Invalid.field(name,
                    name + " holds a value longer than " + maxLength + " characters");
        }
        return value;
    }

    private static boolean isAbsent(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }
}
