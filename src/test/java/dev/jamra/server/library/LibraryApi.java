package dev.jamra.server.library;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.RestClient.Response;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Library calls the tests repeat, each asserting it succeeded. */
final class LibraryApi {
    /** The API's date format: ISO-8601 UTC with milliseconds. */
    static final Pattern ISO_MILLIS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final AtomicInteger MANGA_IDS = new AtomicInteger();

    final RestClient rest;

    LibraryApi(URI server) {
        this(new RestClient(server));
    }

    LibraryApi(RestClient rest) {
        this.rest = rest;
    }

    /** A manga id no other test uses. */
    static String uniqueMangaId() {
        return "manga-" + MANGA_IDS.incrementAndGet();
    }

    static JsonObjectBuilder newItem(String mangaId, String title, String status) {
        return Json.createObjectBuilder()
                .add("mangaId", mangaId)
                .add("extensionId", "local")
                .add("title", title)
                .add("status", status);
    }

    JsonObject add(String title, String status) {
        return add(newItem(uniqueMangaId(), title, status).build());
    }

    JsonObject add(JsonObject body) {
        Response response = rest.post("/api/library", body);
        assertEquals(201, response.status(), response::toString);
        return response.json();
    }

    /** A listing, {@code query} starting with {@code ?} or empty. */
    JsonObject list(String query) {
        return rest.getJson("/api/library" + query);
    }

    /** The titles of a listing's items, in its order. */
    static List<String> titles(JsonObject page) {
        return page.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .map(item -> item.getString("title")).toList();
    }

    JsonObject get(String id) {
        return rest.getJson("/api/library/" + id);
    }

    JsonObject patch(String id, JsonObject body) {
        Response response = rest.patch("/api/library/" + id, body);
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }

    JsonObject toggleFavorite(String id) {
        Response response = rest.patch("/api/library/" + id + "/favorite", "");
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }

    void delete(String id) {
        Response response = rest.delete("/api/library/" + id);
        assertEquals(204, response.status(), response::toString);
    }

    JsonObject saveProgress(String id, JsonObject body) {
        Response response = rest.put("/api/library/" + id + "/progress", body);
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }

    JsonObject stats() {
        return rest.getJson("/api/library/stats");
    }

    /** Asserts a JSON error answer: the status, a JSON content type and a message. */
    static Response assertError(int status, Response response) {
        assertEquals(status, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("application/json"), response::contentType);
        assertTrue(!response.message().isBlank(), "an error message");
        return response;
    }

    /** Asserts a 400 that names {@code field} in its details. */
    static Response assertFieldError(String field, Response response) {
        assertError(400, response);
        assertEquals(field, response.json().getJsonObject("details").getString("field"), response::toString);
        return response;
    }
}
