package dev.jamra.server.events;

import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import dev.jamra.server.testing.TestServer;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import jakarta.json.Json;
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
@RoutingTest
class AsyncApiTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private final DirectClient client;

    AsyncApiTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        SERVER.setUpRouting(routing);
    }

    /** A GET as the reader sends it: the server answers only requests addressed to a loopback host. */
    private Http1ClientRequest get(String path) {
        return client.get(path).header(HeaderNames.HOST, "localhost");
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void theDocumentIsServedAsJson() {
        try (Http1ClientResponse response = get("/asyncapi.json").request()) {
            assertEquals(Status.OK_200, response.status());
            String contentType = response.headers().get(HeaderNames.CONTENT_TYPE).get();
            assertTrue(contentType.startsWith("application/json"), contentType);
            byte[] body = response.as(byte[].class);
            assertArrayEquals(AsyncApiService.load(), body);
            assertEquals("3.0.0", json(new String(body, StandardCharsets.UTF_8)).getString("asyncapi"));
        }
    }

    @Test
    void everyEventNameOfTheCodeIsAMessageOfTheDocument() throws IllegalAccessException {
        JsonObject messages = json(get("/asyncapi.json").requestEntity(String.class))
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
