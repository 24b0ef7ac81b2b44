package dev.jamra.server.websocket.incoming;

import dev.jamra.server.events.EventNames;
import dev.jamra.server.web.StrictJson;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** A valid message from a client; {@link #parse(String)} tells what is wrong with an invalid one. */
public sealed interface ClientMessage {

    /** Longest download id accepted, so that a connection's subscriptions stay small. */
    int MAX_DOWNLOAD_ID_LENGTH = 256;

    String downloadId();

    record Subscribe(String downloadId) implements ClientMessage {
    }

    record Unsubscribe(String downloadId) implements ClientMessage {
    }

    /** Thrown by {@link #parse(String)} with a message a person can act on. */
    final class InvalidMessage extends Exception {
        InvalidMessage(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads {@code {"event": "...", "data": {"downloadId": "..."}}}; other fields are ignored.
     */
    static ClientMessage parse(String text) throws InvalidMessage {
        JsonValue json;
        try {
            json = StrictJson.parse(text);
        } catch (JsonException e) {
            throw new InvalidMessage("Malformed JSON: messages must be JSON objects like "
                                     + "{\"event\":\"subscribe:download\",\"data\":{\"downloadId\":\"...\"}}");
        }
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidMessage("Message must be a JSON object, not " + describe(json));
        }
        JsonObject message = json.asJsonObject();
        JsonValue event = message.get("event");
        if (event == null) {
            throw new InvalidMessage("Message is missing the \"event\" field");
        }
        if (event.getValueType() != JsonValue.ValueType.STRING) {
            throw new InvalidMessage("Field \"event\" must be a string, not " + describe(event));
        }
        String name = ((JsonString) event).getString();
        return switch (name) {
            case EventNames.SUBSCRIBE_DOWNLOAD -> new Subscribe(downloadId(message, name));
            case EventNames.UNSUBSCRIBE_DOWNLOAD -> new Unsubscribe(downloadId(message, name));
            default -> throw new InvalidMessage("Unknown client event: " + name);
        };
    }

    private static String downloadId(JsonObject message, String event) throws InvalidMessage {
        JsonValue data = message.get("data");
        if (data == null || data.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidMessage(event + " needs a \"data\" object with a \"downloadId\"");
        }
        JsonValue id = data.asJsonObject().get("downloadId");
        if (id == null) {
            throw new InvalidMessage(event + " is missing data.downloadId");
        }
        if (id.getValueType() != JsonValue.ValueType.STRING) {
            throw new InvalidMessage("data.downloadId must be a string, not " + describe(id));
        }
        String downloadId = ((JsonString) id).getString();
        if (downloadId.isBlank()) {
            throw new InvalidMessage("data.downloadId must not be empty");
        }
        if (downloadId.length() > MAX_DOWNLOAD_ID_LENGTH) {
            throw new InvalidMessage("data.downloadId is longer than " + MAX_DOWNLOAD_ID_LENGTH + " characters");
        }
        return downloadId;
    }

    private static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }
}
