package dev.jamra.server.web;

import java.net.URI;
import java.util.function.Function;

import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.RestClient.Response;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every free-text field of every REST body has a length limit (docs/API.md lists them): one character past it is
 * a 400 that names the field, and the limit itself is accepted. Nothing of a refused request is stored.
 */
class FieldLimitsTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private final URI uri = SERVER.uri();
    private final RestClient http = new RestClient(uri);

    @Test
    void aMillionCharacterTitleIsRefusedAndNothingIsStored() {
        long before = http.get("/api/library").json().getInt("total");
        Response answer = http.post("/api/library", item("huge", "x".repeat(1_000_000), null));
        assertField("title", 1000, answer);
        assertEquals(before, http.get("/api/library").json().getInt("total"));
    }

    @Test
    void libraryItemFields() {
        assertLimit("mangaId", 512, value -> item(value, "T", null));
        assertLimit("extensionId", 512, value -> Json.createObjectBuilder().add("mangaId", "m-ext" + value.length())
                .add("extensionId", value).add("title", "T").add("status", "reading").build());
        assertLimit("title", 1000, value -> item("m-title-" + value.length(), value, null));
        assertLimit("coverUrl", 2048, value -> item("m-cover-" + value.length(), "T", value));
    }

    @Test
    void progressFields() {
        String id = http.post("/api/library", item("m-progress", "T", null)).json().getString("id");
        assertLimit("chapterId", 512, value -> Json.createObjectBuilder().add("chapterId", value)
                .add("pageNumber", 1).build(), "/api/library/" + id + "/progress", "PUT");
        assertLimit("chapterNumber", 64, value -> Json.createObjectBuilder().add("chapterId", "c1")
                .add("chapterNumber", value).add("pageNumber", 1).build(), "/api/library/" + id + "/progress", "PUT");
        Response number = http.put("/api/library/" + id + "/progress", "{\"chapterId\":\"c1\",\"chapterNumber\":1"
                                                                    + "0".repeat(64) + ",\"pageNumber\":1}");
        assertField("chapterNumber", 64, number);
    }

    @Test
    void settingFields() {
        assertLimit("key", 256, value -> Json.createObjectBuilder().add("key", value).add("value", 1).build(),
                "/api/settings", "PUT");
        assertLimit("scope", 64, value -> Json.createObjectBuilder().add("key", "k-" + value.length())
                .add("scope", value).add("value", 1).build(), "/api/settings", "PUT");
        // the value's JSON text: a string of n characters is n + 2 with its quotes
        assertLimit("value", 65_536, value -> Json.createObjectBuilder().add("key", "v-" + value.length())
                .add("value", value.substring(2)).build(), "/api/settings", "PUT");
    }

    @Test
    void downloadRequestFields() {
        String id = http.post("/api/library", item("m-download", "T", null)).json().getString("id");
        String tooLong = "c".repeat(513);
        JsonObject numbers = Json.createObjectBuilder().add("libraryId", id).add("extensionId", "local")
                .add("chapterIds", Json.createArrayBuilder().add("c1"))
                .add("chapterNumbers", Json.createObjectBuilder().add(tooLong, "1")).build();
        assertField("chapterNumbers", 512, http.post("/api/downloads", numbers));
        JsonObject number = Json.createObjectBuilder().add("libraryId", id).add("extensionId", "local")
                .add("chapterIds", Json.createArrayBuilder().add("c1"))
                .add("chapterNumbers", Json.createObjectBuilder().add("c1", Json.createValue(
                        new java.math.BigDecimal("1" + "0".repeat(64))))).build();
        assertField("chapterNumbers", 64, http.post("/api/downloads", number));
        JsonObjectBuilder many = Json.createObjectBuilder();
        for (int i = 0; i <= 1000; i++) {
            many.add("c" + i, i);
        }
        Response tooMany = http.post("/api/downloads", Json.createObjectBuilder().add("libraryId", id)
                .add("extensionId", "local").add("chapterIds", Json.createArrayBuilder().add("c1"))
                .add("chapterNumbers", many).build());
        assertField("chapterNumbers", 1000, tooMany);
        assertField("chapterIds", 512, http.post("/api/downloads", Json.createObjectBuilder().add("libraryId", id)
                .add("extensionId", "local").add("chapterIds", Json.createArrayBuilder().add(tooLong)).build()));
    }

    @Test
    void catalogSyncField() {
        Response answer = http.post("/api/catalog/sync", Json.createObjectBuilder().add("repoId", "r".repeat(513))
                .build());
        assertField("repoId", 512, answer);
    }

    /** {@code limit} characters pass the length check, one more is a 400 naming {@code field}. */
    private void assertLimit(String field, int limit, Function<String, JsonObject> body) {
        assertLimit(field, limit, body, "/api/library", "POST");
    }

    private void assertLimit(String field, int limit, Function<String, JsonObject> body, String path, String method) {
        Response atLimit = send(method, path, body.apply("a".repeat(limit)));
        assertEquals(2, atLimit.status() / 100, field + " of " + limit + " characters: " + atLimit);
        assertField(field, limit, send(method, path, body.apply("a".repeat(limit + 1))));
    }

    private Response send(String method, String path, JsonObject body) {
        return method.equals("PUT") ? http.put(path, body) : http.post(path, body);
    }

    private static void assertField(String field, int limit, Response answer) {
        assertEquals(400, answer.status(), answer::toString);
        assertEquals(field, answer.json().getJsonObject("details").getString("field"), answer::toString);
        assertThat(answer.message(), containsString(String.valueOf(limit)));
        assertThat(answer.body().length(), lessThan(1000));
    }

    private static JsonObject item(String mangaId, String title, String coverUrl) {
        JsonObjectBuilder item = Json.createObjectBuilder().add("mangaId", mangaId).add("extensionId", "local")
                .add("title", title).add("status", "reading");
        if (coverUrl != null) {
            item.add("coverUrl", coverUrl);
        }
        return item.build();
    }
}
