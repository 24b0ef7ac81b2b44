package dev.jamra.server.opds;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP Basic authentication with {@code opds.username} and {@code opds.password} set: everything the catalog hands
 * an app (feeds, search, page streams, archives) asks for them with 401 and {@code WWW-Authenticate}, takes them
 * when right, and the REST API the reader app uses stays as it was.
 */
class OpdsAuthTest {
    private static final String USER = "reader";
    private static final String PASSWORD = "pässwörd:with colon";

    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(Map.of("opds.username", USER, "opds.password", PASSWORD))
            .preparedBy(OpdsAuthTest::prepare);

    private final RestClient http = SERVER.http();

    private static void prepare() throws Exception {
        Path chapter = Files.createDirectories(SERVER.dataDir().resolve("local/Guarded/Chapter 1"));
        Files.write(chapter.resolve("1.png"), Images.of("png", 10, 10));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private RestClient.Response get(String path, String authorization) {
        return http.send("GET", path, BodyPublishers.noBody(),
                authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }

    private String item() {
        RestClient.Response added = http.post("/api/library", Json.createObjectBuilder().add("mangaId", "Guarded")
                .add("extensionId", "local").add("title", "Guarded").add("status", "reading").build());
        return added.status() == 201 ? added.json().getString("id")
                : added.json().getJsonObject("details").getString("libraryId");
    }

    @Test
    void everythingTheCatalogLinksToNeedsTheCredentials() {
        String libraryId = item();
        List<String> guarded = List.of("/opds", "/opds/", "/opds/search.xml", "/opds/search?query=g",
                "/opds/shelves/reading", "/opds/titles/" + libraryId, "/opds/stream/" + libraryId + "/~Chapter_1/0",
                "/opds/no-cover.png", "/opds/v2", "/opds/v2/titles/" + libraryId,
                "/api/library/" + libraryId + "/chapters/~Chapter_1/cbz", "/opds/nothing-here");
        for (String path : guarded) {
            RestClient.Response refused = get(path, null);
            assertEquals(401, refused.status(), path);
            assertEquals("Basic realm=\"JAMRA\", charset=\"UTF-8\"", refused.header("WWW-Authenticate")
                    .orElseThrow(), path);
            assertTrue(refused.message().contains("user name and password"), refused::message);
            assertEquals(401, get(path, basic(USER, "wrong")).status(), path);
            assertEquals(401, get(path, basic(USER.toUpperCase(), PASSWORD)).status(), path);
            assertEquals(401, get(path, "Bearer " + PASSWORD).status(), path);
            assertEquals(401, get(path, "Basic not*base64").status(), path);
        }
        for (String path : guarded.subList(0, 11)) {
            assertEquals(200, get(path, basic(USER, PASSWORD)).status(), path);
        }
        assertEquals(200, get("/opds", "basic  " + basic(USER, PASSWORD).substring(6)).status(),
                "the scheme in any case");
        assertEquals(404, get("/opds/nothing-here", basic(USER, PASSWORD)).status());
    }

    @Test
    void theRestApiAndPreflightsNeedNoCredentials() {
        String libraryId = item();
        assertEquals(200, http.get("/api/library").status());
        assertEquals(200, http.get("/api/reader/" + libraryId + "/chapters/~Chapter_1/pages/1").status());
        assertEquals(200, http.get("/health").status());
        assertEquals(204, http.send("OPTIONS", "/opds", BodyPublishers.noBody(), Map.of()).status());
    }
}
