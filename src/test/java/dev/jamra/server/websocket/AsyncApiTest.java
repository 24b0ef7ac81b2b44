package dev.jamra.server.websocket;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import dev.jamra.server.events.EventNames;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /asyncapi.json}: the document in the repository, describing every event name the code knows. */
@ServerTest
class AsyncApiTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private final RestClient rest;

    AsyncApiTest(URI uri) {
        this.rest = new RestClient(uri);
    }

    @SetUpServer
    static void setup(WebServerConfig.Builder server) {
        SERVER.setUp(server);
    }

    @Test
    void theDocumentIsServedAsJson() {
        RestClient.Response response = rest.get("/asyncapi.json");
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("application/json"), response::contentType);
        assertArrayEquals(AsyncApiService.load(), response.bytes());
        assertEquals("3.0.0", response.json().getString("asyncapi"));
    }

    @Test
    void everyEventNameOfTheCodeIsAMessageOfTheDocument() throws IllegalAccessException {
        JsonObject messages = rest.get("/asyncapi.json").json().getJsonObject("components").getJsonObject("messages");
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
