package dev.jamra.server.downloads;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.RestClient;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.jamra.server.downloads.DownloadAssertions.request;
import static dev.jamra.server.downloads.DownloadTestServer.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Bad download requests get clear errors and queue nothing; each is a case of its own. */
class DownloadRequestsTest {
    @RegisterExtension
    static final DownloadTestServer SERVER = DownloadTestServer.create(Map.of());

    /** Numbers the manga of each case, so every case has library items of its own. */
    private static final AtomicInteger MANGA = new AtomicInteger();

    private final RestClient http = SERVER.http();

    /** A case's library items: one of the fixture source, whose manga has chapter {@code k1}, one of another source. */
    private record Items(String item, String local) {
        static Items create() {
            String manga = "checks-" + MANGA.incrementAndGet();
            SERVER.pages().addManga(manga, "Checks");
            SERVER.pages().addChapter(manga, "k1", "1", List.of(PageFixture.of("1.png")));
            return new Items(SERVER.libraryItem(manga), SERVER.library().insert(manga, "local"));
        }
    }

    /** How a case sends its request. */
    @FunctionalInterface
    private interface Request {
        RestClient.Response send(RestClient http, Items items);
    }

    private static Arguments bad(String name, int status, String field, Request request) {
        return Arguments.of(name, status, field, request);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("no chapters", 400, "chapterIds",
                        (http, items) -> http.post("/api/downloads", request(items.item(), SOURCE).build())),
                bad("an unknown library item", 400, "libraryId",
                        (http, items) -> http.post("/api/downloads", request("no-such-item", SOURCE, "k1").build())),
                bad("a source other than the item's", 400, "extensionId",
                        (http, items) -> http.post("/api/downloads", request(items.item(), "local", "k1").build())),
                bad("an item of a source that does not download", 400, "libraryId",
                        (http, items) -> http.post("/api/downloads", request(items.local(), "local", "k1").build())),
                bad("a chapter id that is not a string", 400, "chapterIds",
                        (http, items) -> http.post("/api/downloads", "application/json", "{\"libraryId\":\""
                                + items.item() + "\",\"extensionId\":\"fixture\",\"chapterIds\":[1]}")),
                bad("chapter numbers that are not a list", 400, "chapterNumbers",
                        (http, items) -> http.post("/api/downloads", request(items.item(), SOURCE, "k1")
                                .add("chapterNumbers", "1").build())),
                bad("JSON cut short", 400, null,
                        (http, items) -> http.post("/api/downloads", "application/json", "{\"libraryId\":")),
                bad("a body that is not JSON", 415, null,
                        (http, items) -> http.post("/api/downloads", "text/plain", "k1")),
                bad("an unknown status filter", 400, "status",
                        (http, items) -> http.get("/api/downloads?status=paused")),
                bad("reading an unknown download", 404, null,
                        (http, items) -> http.get("/api/downloads/no-such-download")),
                bad("cancelling an unknown download", 404, null,
                        (http, items) -> http.delete("/api/downloads/no-such-download")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestGetsAClearErrorAndQueuesNothing(String name, int status, String field, Request request) {
        Items items = Items.create();
        RestClient.Response response = request.send(http, items);
        assertEquals(status, response.status(), response::body);
        if (field != null) {
            assertError(field, response);
        }
        assertNothingQueued(items);
    }

    @Test
    void unknownChaptersAreNamed() {
        Items items = Items.create();
        RestClient.Response unknown = http.post("/api/downloads", request(items.item(), SOURCE, "k1", "k9").build());
        assertEquals(400, unknown.status(), unknown::body);
        assertError("chapterIds", unknown);
        assertEquals(Json.createArrayBuilder().add("k9").build(),
                unknown.json().getJsonObject("details").getJsonArray("unknown"), unknown::body);
        assertNothingQueued(items);
    }

    private void assertNothingQueued(Items items) {
        assertEquals(0, http.get("/api/downloads?libraryId=" + items.item()).json().getJsonArray("downloads").size(),
                "nothing was queued by a bad request");
    }

    private static void assertError(String field, RestClient.Response response) {
        JsonObject body = response.json();
        assertFalse(body.getString("message").isBlank(), response::body);
        assertEquals(field, body.getJsonObject("details").getString("field"), response::body);
    }
}
