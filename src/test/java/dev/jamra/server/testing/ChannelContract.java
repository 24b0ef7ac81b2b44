package dev.jamra.server.testing;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jamra.server.events.AsyncApiService;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The event channel's AsyncAPI document as a validator: every message the server may send and every message it
 * accepts, each checked against its payload schema with a JSON Schema validator. {@link ChannelClient} runs every
 * message through it, so the document cannot drift from the code unnoticed.
 */
public final class ChannelContract {
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final ChannelContract INSTANCE = new ChannelContract(AsyncApiService.load());

    private final Map<String, Schema> serverMessages = new HashMap<>();
    private final Map<String, Schema> clientMessages = new HashMap<>();

    ChannelContract(byte[] asyncApi) {
        JsonObject doc;
        try (JsonReader reader = READERS.createReader(new StringReader(new String(asyncApi, StandardCharsets.UTF_8)))) {
            doc = reader.readObject();
        }
        JsonObject components = doc.getJsonObject("components");
        JsonObject messages = components.getJsonObject("messages");
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (JsonValue operation : doc.getJsonObject("operations").values()) {
            JsonObject op = operation.asJsonObject();
            Map<String, Schema> target = switch (op.getString("action")) {
                case "send" -> serverMessages;
                case "receive" -> clientMessages;
                default -> throw new IllegalStateException("Unknown operation action in " + op);
            };
            for (JsonValue ref : op.getJsonArray("messages")) {
                String pointer = ref.asJsonObject().getString("$ref");
                String key = pointer.substring(pointer.lastIndexOf('/') + 1);
                String name = messages.getJsonObject(key).getString("name");
                // The payload schema with the document's components beside it, so its $refs resolve.
                String schema = Json.createObjectBuilder()
                        .add("$ref", "#/components/messages/" + key + "/payload")
                        .add("components", components)
                        .build()
                        .toString();
                target.computeIfAbsent(name, n -> registry.getSchema(schema, InputFormat.JSON));
            }
        }
        if (serverMessages.isEmpty() || clientMessages.isEmpty()) {
            throw new IllegalStateException("The AsyncAPI document lists no messages");
        }
    }

    /** The contract of the document the server serves. */
    public static ChannelContract get() {
        return INSTANCE;
    }

    /** What is wrong with a message from the server, if anything. */
    public Optional<String> checkServerMessage(String json) {
        return check(serverMessages, json, "server");
    }

    /** What is wrong with a message to the server, if anything. */
    public Optional<String> checkClientMessage(String json) {
        return check(clientMessages, json, "client");
    }

    private static Optional<String> check(Map<String, Schema> schemas, String json, String side) {
        JsonValue value;
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            value = reader.readValue();
        } catch (RuntimeException e) {
            return Optional.of("not JSON: " + json);
        }
        if (!(value instanceof JsonObject message) || !(message.get("event") instanceof JsonString event)) {
            return Optional.of("not an object with a string event: " + json);
        }
        Schema schema = schemas.get(event.getString());
        if (schema == null) {
            return Optional.of("the AsyncAPI document has no " + side + " message " + event.getString() + ": " + json);
        }
        List<Error> errors;
        try {
            errors = schema.validate(json, InputFormat.JSON);
        } catch (RuntimeException e) {
            return Optional.of("not one JSON value: " + json);  // such as trailing text, which the server refuses
        }
        return errors.isEmpty() ? Optional.empty()
                : Optional.of(event.getString() + " breaks its schema: " + errors + " in " + json);
    }
}
