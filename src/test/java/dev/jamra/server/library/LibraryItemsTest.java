package dev.jamra.server.library;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.jamra.server.testing.RawHttp;
import dev.jamra.server.testing.RestClient.Response;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.jamra.server.library.LibraryApi.ISO_MILLIS;
import static dev.jamra.server.library.LibraryApi.assertError;
import static dev.jamra.server.library.LibraryApi.assertFieldError;
import static dev.jamra.server.library.LibraryApi.newItem;
import static dev.jamra.server.library.LibraryApi.uniqueMangaId;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Adding, reading, updating and removing library items over HTTP, and every way to get them wrong. */
class LibraryItemsTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private static final Set<String> ITEM_FIELDS = Set.of("id", "mangaId", "extensionId", "title", "coverUrl",
            "status", "favorite", "dateAdded", "lastUpdated", "newChapters");

    /** {@code server.max-payload-size} in application.yaml: 1 MiB. */
    private static final int MAX_PAYLOAD = 1024 * 1024;

    private final URI uri = SERVER.uri();
    private final LibraryApi api = new LibraryApi(SERVER.uri());

    @Test
    void addAnswersTheNewItemAndItCanBeReadBack() {
        String mangaId = uniqueMangaId();
        Response response = api.rest.post("/api/library", newItem(mangaId, "Berserk", "reading")
                .add("coverUrl", "https://covers.example/berserk.jpg").build());

        assertEquals(201, response.status(), response::toString);
        JsonObject item = response.json();
        assertEquals(ITEM_FIELDS, item.keySet());
        assertFalse(item.getString("id").isBlank());
        assertEquals(mangaId, item.getString("mangaId"));
        assertEquals("local", item.getString("extensionId"));
        assertEquals("Berserk", item.getString("title"));
        assertEquals("https://covers.example/berserk.jpg", item.getString("coverUrl"));
        assertEquals("reading", item.getString("status"));
        assertFalse(item.getBoolean("favorite"));
        assertEquals(0, item.getInt("newChapters"), "no check has found any");
        assertThat(item.getString("dateAdded"), matchesPattern(ISO_MILLIS));
        assertEquals(item.getString("dateAdded"), item.getString("lastUpdated"));
        assertEquals("/api/library/" + item.getString("id"), response.headers().firstValue("Location").orElse(""));

        assertEquals(item, api.get(item.getString("id")));
    }

    @Test
    void anAbsentOrBlankCoverIsOmitted() {
        JsonObject withoutCover = api.add("No cover", "plan_to_read");
        JsonObject blankCover = api.add(newItem(uniqueMangaId(), "Blank cover", "plan_to_read")
                .add("coverUrl", "").build());

        assertFalse(withoutCover.containsKey("coverUrl"));
        assertFalse(blankCover.containsKey("coverUrl"));
        assertFalse(api.get(withoutCover.getString("id")).containsKey("coverUrl"));
    }

    @Test
    void theSameMangaOfTheSameSourceIsAConflict() {
        String mangaId = uniqueMangaId();
        JsonObject first = api.add(newItem(mangaId, "Vagabond", "reading").build());

        Response again = assertError(409,
                api.rest.post("/api/library", newItem(mangaId, "Vagabond", "dropped").build()));
        assertEquals(first.getString("id"), again.json().getJsonObject("details").getString("libraryId"));
        assertEquals("reading", api.get(first.getString("id")).getString("status"), "the first one is untouched");

        JsonObject otherSource = api.add(newItem(mangaId, "Vagabond", "reading").add("extensionId", "mangadex")
                .build());
        assertEquals("mangadex", otherSource.getString("extensionId"), "another source may hold the same manga id");
    }

    static Stream<Arguments> badNewItems() {
        return Stream.of(
                without("mangaId"),
                with("mangaId", Json.createValue("")),
                with("mangaId", Json.createValue(42)),
                with("extensionId", Json.createValue(" ")),
                with("extensionId", JsonValue.NULL),
                without("title"),
                with("title", Json.createValue(7)),
                with("title", Json.createArrayBuilder().add("T").build()),
                without("status"),
                with("status", Json.createValue("finished")),
                with("status", Json.createValue("READING")),
                with("status", JsonValue.TRUE),
                with("coverUrl", Json.createValue(1)));
    }

    /** A valid new item but for {@code field}, left out. */
    private static Arguments without(String field) {
        return Arguments.of(field, Json.createObjectBuilder(newItem("m-bad", "T", "reading").build()).remove(field)
                .build().toString());
    }

    /** A valid new item but for {@code field}, set to {@code value}. */
    private static Arguments with(String field, JsonValue value) {
        return Arguments.of(field, newItem("m-bad", "T", "reading").add(field, value).build().toString());
    }

    @ParameterizedTest
    @MethodSource("badNewItems")
    void addRefusesBadFieldsAndStoresNothing(String field, String body) {
        int before = api.stats().getInt("total");
        assertFieldError(field, api.rest.post("/api/library", body));
        assertEquals(before, api.stats().getInt("total"));
    }

    static Stream<Arguments> bodiesThatAreNotAJsonObject() {
        return Stream.of(
                Arguments.of("JSON cut short", "application/json", "{\"mangaId\": ", 400, "Malformed JSON"),
                Arguments.of("an array", "application/json", "[{\"mangaId\":\"m\"}]", 400, ""),
                Arguments.of("a string", "application/json", "\"text\"", 400, ""),
                Arguments.of("no body", "application/json", "", 400, ""),
                Arguments.of("a body that is not JSON", "text/plain", newItem("m", "T", "reading").build().toString(),
                        415, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesThatAreNotAJsonObject")
    void addRefusesBodiesThatAreNotAJsonObject(String name, String contentType, String body, int status,
                                              String message) {
        assertThat(assertError(status, api.rest.post("/api/library", contentType, body)).message(),
                containsString(message));
    }

    @Test
    void aBodyOverOneMebibyteIs413WithAJsonMessageAndStoresNothing() {
        int before = api.stats().getInt("total");
        byte[] body = itemWithTitleOf(MAX_PAYLOAD + 1);
        String head = "POST /api/library HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";

        RawHttp.Answer declared = RawHttp.exchange(uri, head + "Content-Length: " + body.length + "\r\n", body);
        assertEquals(413, declared.status(), declared::toString);
        assertThat(declared.head().toLowerCase(), containsString("content-type: application/json"));
        assertThat(declared.body(), containsString("\"message\""));

        RawHttp.Answer chunked = RawHttp.exchange(uri, head + "Transfer-Encoding: chunked\r\n", chunked(body));
        assertEquals(413, chunked.status(), chunked::toString);
        assertThat(chunked.body(), containsString("\"message\""));

        assertEquals(before, api.stats().getInt("total"));
    }

    @Test
    void aBodyOfExactlyTheLimitIsServed() {
        // JSON may hold any amount of white space: the fields stay within their own limits
        String item = "{\"mangaId\":\"" + uniqueMangaId() + "\",\"extensionId\":\"local\",\"status\":\"reading\","
                      + "\"title\":\"Padded\"";
        String body = item + " ".repeat(MAX_PAYLOAD - item.length() - 1) + "}";
        assertEquals(MAX_PAYLOAD, body.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(201, api.rest.post("/api/library", body).status());
    }

    /** A valid new item whose JSON is {@code size} bytes long, most of it title. */
    private static byte[] itemWithTitleOf(int size) {
        String prefix = "{\"mangaId\":\"" + uniqueMangaId()
                        + "\",\"extensionId\":\"local\",\"status\":\"reading\",\"title\":\"";
        String suffix = "\"}";
        String title = "x".repeat(size - prefix.length() - suffix.length());
        return (prefix + title + suffix).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 1024);
        int chunk = 64 * 1024;
        for (int offset = 0; offset < body.length; offset += chunk) {
            int length = Math.min(chunk, body.length - offset);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, offset, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void getOfAnUnknownIdIs404() {
        assertThat(assertError(404, api.rest.get("/api/library/no-such-id")).message(), containsString("no-such-id"));
    }

    @Test
    void patchChangesOnlyWhatItIsGiven() {
        JsonObject item = api.add("Monster", "plan_to_read");
        String id = item.getString("id");

        JsonObject reading = api.patch(id, Json.createObjectBuilder().add("status", "reading").build());
        assertEquals("reading", reading.getString("status"));
        assertFalse(reading.getBoolean("favorite"));
        assertThat(reading.getString("lastUpdated").compareTo(item.getString("dateAdded")), greaterThanOrEqualTo(0));
        assertEquals(item.getString("dateAdded"), reading.getString("dateAdded"));

        JsonObject favorite = api.patch(id, Json.createObjectBuilder().add("favorite", true).build());
        assertEquals("reading", favorite.getString("status"));
        assertTrue(favorite.getBoolean("favorite"));

        JsonObject both = api.patch(id, Json.createObjectBuilder().add("status", "on_hold").add("favorite", false)
                .build());
        assertEquals("on_hold", both.getString("status"));
        assertFalse(both.getBoolean("favorite"));
        assertEquals(both, api.get(id));
    }

    @Test
    void aPatchThatChangesNothingKeepsLastUpdated() {
        JsonObject item = api.add("Pluto", "completed");
        JsonObject same = api.patch(item.getString("id"),
                Json.createObjectBuilder().add("status", "completed").add("favorite", false).build());
        assertEquals(item, same);
    }

    static Stream<Arguments> badPatches() {
        return Stream.of(
                Arguments.of("status", "{\"status\":\"finished\"}"),
                Arguments.of("status", "{\"status\":\"\"}"),
                Arguments.of("status", "{\"status\":3,\"favorite\":true}"),
                Arguments.of("favorite", "{\"favorite\":\"true\"}"),
                Arguments.of("favorite", "{\"favorite\":1}"),
                Arguments.of("favorite", "{\"status\":\"reading\",\"favorite\":\"yes\"}"));
    }

    @ParameterizedTest
    @MethodSource("badPatches")
    void patchRefusesBadFieldsAndChangesNothing(String field, String body) {
        JsonObject item = api.add("20th Century Boys", "dropped");
        assertFieldError(field, api.rest.patch("/api/library/" + item.getString("id"), body));
        assertEquals(item, api.get(item.getString("id")));
    }

    static Stream<Arguments> brokenPatchBodies() {
        return Stream.of(
                Arguments.of("nothing to change", "{}", true, 400, "status"),
                Arguments.of("a null favorite", "{\"favorite\":null}", true, 400, ""),
                Arguments.of("JSON cut short", "{\"status\":", true, 400, "Malformed JSON"),
                Arguments.of("no content type", "{\"favorite\":true}", false, 415, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPatchBodies")
    void patchRefusesEmptyOrBrokenBodies(String name, String body, boolean json, int status, String message) {
        JsonObject item = api.add("Billy Bat", "dropped");
        String path = "/api/library/" + item.getString("id");
        RestClient.Response response = json ? api.rest.patch(path, body)
                : api.rest.send("PATCH", path, BodyPublishers.ofString(body), Map.of());
        assertThat(assertError(status, response).message(), containsString(message));
        assertEquals(item, api.get(item.getString("id")), "the item is unchanged");
    }

    @Test
    void patchOfAnUnknownIdIs404() {
        assertError(404, api.rest.patch("/api/library/no-such-id", "{\"favorite\":true}"));
    }

    @Test
    void toggleFavoriteFlipsTheFlag() {
        String id = api.add("Yawara", "reading").getString("id");
        assertTrue(api.toggleFavorite(id).getBoolean("favorite"));
        assertFalse(api.toggleFavorite(id).getBoolean("favorite"));
        assertFalse(api.get(id).getBoolean("favorite"));
        assertError(404, api.rest.patch("/api/library/no-such-id/favorite", ""));
    }

    @Test
    void deleteRemovesTheItemAndItsProgress() {
        String id = api.add("Master Keaton", "reading").getString("id");
        api.saveProgress(id, Json.createObjectBuilder().add("chapterId", "c1").add("pageNumber", 2).build());

        Response deleted = api.rest.delete("/api/library/" + id);
        assertEquals(204, deleted.status());
        assertEquals("", deleted.body());
        assertError(404, api.rest.get("/api/library/" + id));
        assertError(404, api.rest.get("/api/library/" + id + "/progress"));
        assertError(404, api.rest.delete("/api/library/" + id));
    }

    @Test
    void theSameMangaCanBeAddedAgainAfterItsRemoval() {
        String mangaId = uniqueMangaId();
        String first = api.add(newItem(mangaId, "Happy!", "reading").build()).getString("id");
        api.delete(first);
        String second = api.add(newItem(mangaId, "Happy!", "reading").build()).getString("id");
        assertFalse(first.equals(second), "a new id");
    }
}
