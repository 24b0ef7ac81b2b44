package dev.jamra.server.events;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /asyncapi.json}: the document in the repository, describing every event name the code knows. The
 * handler is called without a socket.
 */
class AsyncApiTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.direct();

    private final RestClient http = SERVER.http();

    @Test
    void theDocumentIsServedAsJson() {
        RestClient.Response response = http.get("/asyncapi.json");
        assertEquals(200, response.status());
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        assertArrayEquals(AsyncApiService.load(), response.bytes());
        assertEquals("3.0.0", response.json().getString("asyncapi"));
    }

    @Test
    void everyEventNameOfTheCodeIsAMessageOfTheDocument() throws IllegalAccessException {
        JsonObject messages = http.getJson("/asyncapi.json")
                .getJsonObject("components").getJsonObject("messages");
        Set<String> documented = messages.values().stream()
                .map(JsonValue::asJsonObject)
                .map(message -> message.getString("name"))
                .collect(Collectors.toSet());
        Set<String> known = new java.util.HashSet<>();
        for (Field field : EventNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                known.add((String) field.get(null));
            }
        }
        assertEquals(known, documented);
        assertTrue(Arrays.asList(EventNames.class.getFields()).size() >= 15);
    }
}
