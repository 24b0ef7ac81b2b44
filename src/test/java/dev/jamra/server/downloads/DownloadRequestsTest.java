package dev.jamra.server.downloads;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.RestClient;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Bad download requests get clear errors and queue nothing. */
@ServerTest
class DownloadRequestsTest {
    @RegisterExtension
    static final DownloadTestServer SERVER = DownloadTestServer.create(Map.of());

    private static final String SOURCE = DownloadTestServer.SOURCE;

    private final RestClient http;

    DownloadRequestsTest(URI uri) {
        this.http = new RestClient(uri);
    }

    @SetUpServer
    static void setup(WebServerConfig.Builder builder) {
        SERVER.setUp(builder);
    }

    @Test
    void badRequestsGetClearErrors() {
        SERVER.pages().addManga("checks", "Checks");
        SERVER.pages().addChapter("checks", "k1", "1", List.of(PageFixture.of("1.png")));
        String item = SERVER.libraryItem("checks");
        String local = SERVER.library().insert("elsewhere", "local");

        assertError(400, "chapterIds", http.post("/api/downloads", DownloadAssertions.request(item, SOURCE).build()));
        assertError(400, "libraryId", http.post("/api/downloads",
                DownloadAssertions.request("no-such-item", SOURCE, "k1").build()));
        assertError(400, "extensionId", http.post("/api/downloads",
                DownloadAssertions.request(item, "local", "k1").build()));
        RestClient.Response unknown = http.post("/api/downloads",
                DownloadAssertions.request(item, SOURCE, "k1", "k9").build());
        assertError(400, "chapterIds", unknown);
        assertEquals(Json.createArrayBuilder().add("k9").build(),
                unknown.json().getJsonObject("details").getJsonArray("unknown"), unknown::body);
        assertError(400, "libraryId", http.post("/api/downloads",
                DownloadAssertions.request(local, "local", "k1").build()));
        assertError(400, "chapterIds", http.post("/api/downloads", "application/json",
                "{\"libraryId\":\"" + item + "\",\"extensionId\":\"fixture\",\"chapterIds\":[1]}"));
        assertError(400, "chapterNumbers", http.post("/api/downloads", DownloadAssertions
                .request(item, SOURCE, "k1").add("chapterNumbers", "1").build()));
        assertEquals(400, http.post("/api/downloads", "application/json", "{\"libraryId\":").status());
        assertEquals(415, http.post("/api/downloads", "text/plain", "k1").status());
        assertError(400, "status", http.get("/api/downloads?status=paused"));
        assertEquals(404, http.get("/api/downloads/no-such-download").status());
        assertEquals(404, http.delete("/api/downloads/no-such-download").status());
        assertEquals(0, http.get("/api/downloads?libraryId=" + item).json().getJsonArray("downloads").size(),
                "nothing was queued by a bad request");
    }

    private static void assertError(int status, String field, RestClient.Response response) {
        assertEquals(status, response.status(), response::body);
        JsonObject body = response.json();
        assertFalse(body.getString("message").isBlank());
        assertEquals(field, body.getJsonObject("details").getString("field"), response::body);
    }
}
