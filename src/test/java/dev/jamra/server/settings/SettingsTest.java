package dev.jamra.server.settings;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.RestClient.Response;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings over HTTP: any JSON value stored and returned as given, scopes, and bad input refused. */
class SettingsTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.direct();

    private static final Pattern ISO_MILLIS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private final RestClient rest = SERVER.http();

    private void put(String body) {
        Response response = rest.put("/api/settings", body);
        assertEquals(204, response.status(), response::toString);
        assertEquals("", response.body());
    }

    private JsonObject setting(String key) {
        return rest.getJson("/api/settings/" + key).getJsonObject("setting");
    }

    private List<String> keys(String query) {
        Response response = rest.get("/api/settings" + query);
        assertEquals(200, response.status(), response::toString);
        return response.json().getJsonArray("settings").stream()
                .map(value -> value.asJsonObject().getString("key")).toList();
    }

    private static void assertError(int status, Response response) {
        assertEquals(status, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("application/json"), response::contentType);
        assertTrue(!response.message().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"dark\"", "42", "-0.125", "12345678901234567890", "true", "false", "null", "[]",
            "[1,\"two\",{\"three\":[null]}]", "{}", "{\"nested\":{\"deep\":[1.5,\"\\u00e9\\\"'%_\"]}}",
            "\"\"", "\"日本語\""})
    void anyJsonValueComesBackAsItWasStored(String json) {
        put("{\"key\":\"value-kind\",\"value\":" + json + "}");
        JsonObject setting = setting("value-kind");
        assertEquals(Set.of("key", "scope", "value", "updatedAt"), setting.keySet());
        assertEquals("value-kind", setting.getString("key"));
        assertEquals("app", setting.getString("scope"));
        assertEquals(Json.createReader(new java.io.StringReader(json)).readValue(), setting.get("value"));
        assertThat(setting.getString("updatedAt"), matchesPattern(ISO_MILLIS));
    }

    @Test
    void listingFiltersByScopeAndAPutMovesAKeyToItsNewScope() {
        put("{\"key\":\"list.theme\",\"value\":\"dark\",\"scope\":\"ui\"}");
        put("{\"key\":\"list.font\",\"value\":14,\"scope\":\"ui\"}");
        put("{\"key\":\"list.direction\",\"value\":\"rtl\",\"scope\":\"reader\"}");

        assertEquals(List.of("list.font", "list.theme"), keys("?scope=ui"));
        assertEquals(List.of("list.direction"), keys("?scope=reader"));
        assertEquals(List.of(), keys("?scope=nobody"));
        assertTrue(keys("").containsAll(List.of("list.direction", "list.font", "list.theme")));
        assertEquals(keys(""), keys("?scope="));

        put("{\"key\":\"list.font\",\"value\":{\"size\":16},\"scope\":\"reader\"}");
        assertEquals(List.of("list.theme"), keys("?scope=ui"));
        assertEquals(List.of("list.direction", "list.font"), keys("?scope=reader"));
        JsonObject moved = setting("list.font");
        assertEquals("reader", moved.getString("scope"));
        assertEquals(Json.createObjectBuilder().add("size", 16).build(), moved.getJsonObject("value"));

        JsonObject listed = rest.get("/api/settings?scope=reader").json().getJsonArray("settings").getJsonObject(1);
        assertEquals(moved, listed);
    }

    @Test
    void aPutWithoutScopeUsesApp() {
        put("{\"key\":\"scoped\",\"value\":1,\"scope\":\"ui\"}");
        put("{\"key\":\"scoped\",\"value\":2}");
        assertEquals("app", setting("scoped").getString("scope"));
    }

    @Test
    void deleteAnswers204WhetherOrNotTheKeyExisted() {
        put("{\"key\":\"doomed\",\"value\":true}");
        Response deleted = rest.delete("/api/settings/doomed");
        assertEquals(204, deleted.status());
        assertError(404, rest.get("/api/settings/doomed"));
        assertEquals(204, rest.delete("/api/settings/doomed").status());
        assertEquals(204, rest.delete("/api/settings/never-there").status());
    }

    @Test
    void anUnknownKeyIs404() {
        Response response = rest.get("/api/settings/no-such-key");
        assertError(404, response);
        assertThat(response.message(), containsString("no-such-key"));
    }

    @Test
    void keysWithUnusualCharactersWork() {
        put("{\"key\":\"reader.zoom level (%)\",\"value\":1.25}");
        assertEquals(1.25, setting("reader.zoom%20level%20(%25)").getJsonNumber("value").doubleValue());
    }

    static Stream<Arguments> badPuts() {
        return Stream.of(
                Arguments.of("key", "{\"value\":1}"),
                Arguments.of("key", "{\"key\":\"\",\"value\":1}"),
                Arguments.of("key", "{\"key\":\"  \",\"value\":1}"),
                Arguments.of("key", "{\"key\":5,\"value\":1}"),
                Arguments.of("key", "{\"key\":\"a/b\",\"value\":1}"),
                Arguments.of("value", "{\"key\":\"k\"}"),
                Arguments.of("scope", "{\"key\":\"k\",\"value\":1,\"scope\":3}"),
                Arguments.of("scope", "{\"key\":\"k\",\"value\":1,\"scope\":\"\"}"));
    }

    @ParameterizedTest
    @MethodSource("badPuts")
    void putRefusesBadFieldsAndStoresNothing(String field, String body) {
        Response response = rest.put("/api/settings", body);
        assertError(400, response);
        assertEquals(field, response.json().getJsonObject("details").getString("field"));
        assertError(404, rest.get("/api/settings/k"));
    }

    static Stream<Arguments> bodiesThatAreNotAJsonObject() {
        return Stream.of(
                Arguments.of("JSON cut short", "application/json", "{\"key\":\"k\",", 400, "Malformed JSON"),
                Arguments.of("an array", "application/json", "[\"k\",1]", 400, ""),
                Arguments.of("no body", "application/json", "", 400, ""),
                Arguments.of("a body that is not JSON", "text/plain", "{\"key\":\"k\",\"value\":1}", 415, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesThatAreNotAJsonObject")
    void putRefusesBodiesThatAreNotAJsonObject(String name, String contentType, String body, int status,
                                              String message) {
        Response response = rest.put("/api/settings", contentType, body);
        assertError(status, response);
        assertThat(response.message(), containsString(message));
        assertError(404, rest.get("/api/settings/k"));
    }

    @Test
    void aValueIsStoredAsJsonNotAsText() {
        put("{\"key\":\"quoted\",\"value\":\"{\\\"looks\\\":\\\"like json\\\"}\"}");
        JsonValue value = setting("quoted").get("value");
        assertEquals(JsonValue.ValueType.STRING, value.getValueType());
        assertEquals("{\"looks\":\"like json\"}", ((jakarta.json.JsonString) value).getString());
    }
}
