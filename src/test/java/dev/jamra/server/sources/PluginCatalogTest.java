package dev.jamra.server.sources;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extension records, the catalog and the installer routes the reader's Extensions screen calls: every
 * plug-in that {@code ServiceLoader} finds is listed (the built-in local source and the tests' fixture plug-in),
 * and installing from a repository is answered with how to add a Java plug-in.
 */
class PluginCatalogTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.direct()
            .configured(Map.of("sources.fixture.url", "http://localhost:9/"));

    private static final String ISO = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private final RestClient http = SERVER.http();

    @Test
    void extensionRecordsCarryWhatTheScreenShows() {
        List<JsonObject> records = http.get("/api/extensions").json().getJsonArray("extensions")
                .getValuesAs(JsonObject.class);
        assertEquals(List.of("fixture", "local"), records.stream().map(r -> r.getString("id")).toList());
        for (JsonObject record : records) {
            assertEquals(record.getString("id"), record.getString("slug"));
            assertTrue(record.getBoolean("enabled"));
            assertThat(record.getString("installedAt"), matchesPattern(ISO));
            assertFalse(record.getString("repoSource").isBlank());
            assertThat(record.getString("installPath"), not(containsString("/")));
            JsonObject manifest = record.getJsonObject("manifest");
            assertEquals(record.getString("id"), manifest.getString("id"));
            assertEquals(record.getString("name"), manifest.getString("name"));
            assertEquals(record.getString("version"), manifest.getString("version"));
            assertEquals(record, http.get("/api/extensions/" + record.getString("id")).json()
                    .getJsonObject("extension"));
        }
        JsonObject local = records.get(1);
        assertEquals("built-in", local.getString("repoSource"), "the local source comes with the server");
        assertEquals("multi", local.getJsonObject("manifest").getString("language"));
        assertEquals("dev.jamra.server.sources.local.LocalSource", local.getJsonObject("manifest").getString("entry"));
        assertThat(local.getJsonObject("manifest").getString("description"), containsString(".cbz"));
        JsonObject fixture = records.get(0);
        assertEquals("test-classes", fixture.getString("repoSource"), "a plug-in from elsewhere names its jar");
        assertFalse(fixture.getJsonObject("manifest").containsKey("language"), "unknown, so left out");
    }

    @Test
    void theCatalogListsEveryPluginFoundAtStart() {
        RestClient.Response response = http.get("/api/catalog");
        assertEquals(200, response.status(), response::body);
        List<JsonObject> entries = response.json().getJsonArray("entries").getValuesAs(JsonObject.class);
        assertEquals(List.of("fixture", "local"), entries.stream().map(e -> e.getString("id")).toList());
        JsonObject local = entries.get(1);
        assertEquals("java-plugins", local.getString("repoId"));
        assertEquals("local", local.getString("slug"));
        assertEquals("Local library", local.getString("name"));
        assertEquals("1.0.0", local.getString("version"));
        assertEquals("multi", local.getString("language"));
        assertThat(local.getString("description"), containsString("folder"));
        assertThat(local.getString("archiveUrl"), matchesPattern("classpath:[^/]+"));
        assertThat(local.getString("createdAt"), matchesPattern(ISO));
        assertThat(local.getString("updatedAt"), matchesPattern(ISO));
        Instant.parse(local.getString("updatedAt"));

        assertEquals(entries, http.get("/api/catalog?repo=java-plugins").json().getJsonArray("entries"));
        assertEquals(entries, http.get("/api/catalog?repoId=java-plugins").json().getJsonArray("entries"));
        assertEquals(0, http.get("/api/catalog?repo=elsewhere").json().getJsonArray("entries").size());
    }

    @Test
    void aSyncReportsThePluginsAsTheOriginalDid() {
        for (RestClient.Response response : List.of(http.post("/api/catalog/sync", "{}"),
                http.post("/api/catalog/sync", Json.createObjectBuilder().add("repoId", "java-plugins").build()),
                http.post("/api/catalog/sync", "{\"repoId\":null}"))) {
            assertEquals(202, response.status(), response::body);
            JsonObject body = response.json();
            assertEquals("sync queued", body.getString("status"));
            assertEquals("java-plugins", body.getString("repoId"));
            JsonObject result = body.getJsonObject("result");
            assertEquals(2, result.getInt("entriesUpdated"));
            assertEquals(0, result.getInt("entriesRemoved"));
            JsonObject repo = result.getJsonObject("repo");
            assertEquals("java-plugins", repo.getString("id"));
            assertEquals("filesystem", repo.getString("type"));
            assertFalse(repo.getString("name").isBlank());
            assertThat(repo.getString("lastSyncedAt"), matchesPattern(ISO));
        }
        RestClient.Response unknown = http.post("/api/catalog/sync", "{\"repoId\":\"elsewhere\"}");
        assertEquals(400, unknown.status());
        assertThat(unknown.message(), containsString("elsewhere"));
        assertEquals(400, http.post("/api/catalog/sync", "{\"repoId\":5}").status());
        assertEquals(415, http.post("/api/catalog/sync", "text/plain", "sync").status());
    }

    @Test
    void installerRoutesSayHowToAddAJavaPlugin() {
        String install = Json.createObjectBuilder().add("repositoryUrl", "https://github.com/x/y").build().toString();
        List<RestClient.Response> refused = List.of(http.post("/api/installer", install),
                http.post("/api/extensions/install", install), http.post("/api/installer", "{}"));
        for (RestClient.Response response : refused) {
            assertEquals(400, response.status(), response::body);
            assertHowToAdd(response);
        }
        for (String job : List.of("/api/installer/install/job-1", "/api/extensions/install/job-1",
                "/api/extensions/install/search")) {
            RestClient.Response response = http.get(job);
            assertEquals(404, response.status(), job);
            assertHowToAdd(response);
        }
    }

    private static void assertHowToAdd(RestClient.Response response) {
        assertThat(response.contentType(), containsString("application/json"));
        String message = response.message();
        assertThat(message, containsString("Java plug-ins"));
        assertThat(message, containsString("class path"));
        assertThat(message, containsString("restart"));
        assertEquals(1, message.split("\\. ").length, "one sentence: " + message);
    }
}
