package dev.jamra.server.updates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Library update calls over HTTP that the tests repeat, each asserting it succeeded. Registered as an extension
 * ({@link #of}), it empties the library after each test and waits until the test's clients are gone, so every test
 * checks a library of its own.
 */
public final class UpdatesApi implements AfterEachCallback {
    /** Library checks only when a test asks for one: no periodic check runs behind its back. */
    public static final Map<String, String> CHECKS_WHEN_ASKED = Map.of("library.update-interval", "PT0S");

    private final RestClient http;
    private final TestServer server;

    public UpdatesApi(RestClient http) {
        this(http, null);
    }

    private UpdatesApi(RestClient http, TestServer server) {
        this.http = http;
        this.server = server;
    }

    /** The API of {@code server}, which empties its library after each test when registered as an extension. */
    public static UpdatesApi of(TestServer server) {
        return new UpdatesApi(server.http(), server);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clearLibrary();
        if (server != null) {
            server.awaitNoConnections();
        }
    }

    /** Adds a library item and returns its id. */
    public String add(String mangaId, String extensionId, String title) {
        RestClient.Response added = http.post("/api/library", Json.createObjectBuilder().add("mangaId", mangaId)
                .add("extensionId", extensionId).add("title", title).add("status", "reading").build());
        assertEquals(201, added.status(), added::toString);
        return added.json().getString("id");
    }

    /** POST /api/library/updates: the 202 answer's state. */
    public JsonObject start() {
        RestClient.Response started = http.post("/api/library/updates", "");
        assertEquals(202, started.status(), started::toString);
        return started.json();
    }

    public JsonObject status() {
        return http.getJson("/api/library/updates/status");
    }

    /** Starts a check and waits until it is over; returns its final state. */
    public JsonObject checkAndWait() {
        start();
        Await.until(() -> !status().getBoolean("running"), "the check is over");
        return status();
    }

    public JsonObject feed(String query) {
        return http.getJson("/api/library/updates" + query);
    }

    /** The item's {@code newChapters} as {@code GET /api/library/:id} answers it. */
    public int newChapters(String libraryId) {
        return http.getJson("/api/library/" + libraryId).getInt("newChapters");
    }

    /** Deletes every library item, so a test starts with an empty library. */
    public void clearLibrary() {
        for (JsonValue item : http.get("/api/library").json().getJsonArray("items")) {
            assertEquals(204, http.delete("/api/library/" + item.asJsonObject().getString("id")).status());
        }
    }

    /**
     * Reads messages until the last {@code library:update:progress} of a check ({@code running: false}); returns
     * every message read from {@code first} on, in order.
     */
    static List<JsonObject> untilCheckEnds(ChannelClient client) {
        List<JsonObject> read = new ArrayList<>();
        Predicate<JsonObject> last = message -> message.getString("event").equals("library:update:progress")
                                                && !message.getJsonObject("data").getBoolean("running");
        JsonObject message;
        do {
            message = client.next();
            read.add(message);
        } while (!last.test(message));
        return read;
    }

    /** Each message as {@code event} or {@code event libraryId/mangaId}: what order tests compare. */
    static List<String> lines(List<JsonObject> messages) {
        return messages.stream().map(message -> {
            JsonObject data = message.getJsonObject("data");
            String about = data.containsKey("libraryId") ? " " + data.getString("libraryId")
                    : data.containsKey("mangaId") ? " " + data.getString("mangaId") : "";
            String progress = message.getString("event").equals("library:update:progress")
                    ? " " + data.getBoolean("running") + " " + data.getInt("checked") + "/" + data.getInt("total")
                    : "";
            return message.getString("event") + about + progress;
        }).toList();
    }
}
