package dev.jamra.server;

import java.net.URI;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Pattern;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OpenAPI document served at {@code /openapi} against the real server: every route the routing registers is
 * in it and every operation in it is served, every JSON answer names a schema, and real answers of the routes
 * (successes and errors) have a documented status and match their schemas.
 */
class OpenApiDocumentTest {
    private static final String DEX_MANGA = "0c936e2a-7d1f-4c39-b0b8-5b1e8c6f0000";

    private static final String DOCUMENT = "https://jamra.invalid/openapi.json";
    /** Served beside the REST routing: the WebSocket channel's own path, and the document itself. */
    private static final Set<String> SERVED_ELSEWHERE = Set.of("GET /ws", "GET /openapi");
    /** Documented operations that a configuration may leave out of the routing. */
    private static final Set<String> MAY_BE_ABSENT = Set.of("POST /api/system/shutdown", "GET /asyncapi.json");
    private static final Set<String> SKIPPED_METHODS = Set.of("HEAD", "OPTIONS", "ANY");
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]+}");
    private static final Set<String> ROUTES = new ConcurrentSkipListSet<>();
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @RegisterExtension
    static final TestServer SERVER = TestServer.create().readingMangaDex()
            // a fixture site on a port nobody listens on: its calls fail, so 502 answers can be checked
            .configured(Map.of("sources.fixture.url", "http://127.0.0.1:9/",
                    "sources.mangadex.requests-per-second", "1000"))
            .preparedBy(OpenApiDocumentTest::prepare)
            .wiredBy((server, config) -> Main.setup(server, config, rest -> rest.accept(RouteRecorder.into(ROUTES))));

    private final RestClient http;
    private final JsonNode document;
    private final SchemaRegistry schemas;

    OpenApiDocumentTest() {
        this.http = SERVER.http();
        RestClient.Response served = http.get("/openapi?format=JSON");
        assertEquals(200, served.status(), served::body);
        assertThat(served.body().substring(0, Math.min(300, served.body().length())), startsWith("{"));
        this.document = MAPPER.readTree(served.body());
        this.schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(DOCUMENT, served.body())));
    }

    private static void prepare() throws Exception {
        Path library = SERVER.dataDir().resolve("local");
        Path chapter1 = Files.createDirectories(library.resolve("Open Manga/Chapter 1"));
        Files.write(chapter1.resolve("1.png"), Images.of("png", 60, 90));
        Files.write(chapter1.resolve("2.jpg"), Images.of("jpg", 70, 100));
        Path chapter2 = Files.createDirectories(library.resolve("Open Manga/Chapter 2"));
        Files.write(chapter2.resolve("1.png"), Images.of("png", 10, 10));
        SERVER.mangaDex().addManga(DEX_MANGA, "Dex Manga");
        SERVER.mangaDex().addChapter(DEX_MANGA, DEX_MANGA.replace("0000", "0001"), "1", "en", 2, null);
        SERVER.mangaDex().addChapter(DEX_MANGA, DEX_MANGA.replace("0000", "0002"), "2", "en", 0, "https://elsewhere.example");
        SERVER.mangaDex().setChapterAttribute(DEX_MANGA.replace("0000", "0002"), "volume", Json.createValue("Extra"));
    }

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedOperationServed() {
        Set<String> served = new TreeSet<>(SERVED_ELSEWHERE);
        for (String route : ROUTES) {
            assertThat("a route the recorder can read", route, startsWithMethod());
            if (!SKIPPED_METHODS.contains(route.substring(0, route.indexOf(' ')))) {
                served.add(normalized(route));
            }
        }
        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (!operation.getKey().equals("parameters")) {
                documented.add(normalized(operation.getKey().toUpperCase() + " " + path.getKey()));
            }
        }));
        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        assertEquals(Set.of(), undocumented, "served routes missing from META-INF/openapi.yml");
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(served);
        MAY_BE_ABSENT.forEach(route -> unserved.remove(normalized(route)));
        assertEquals(Set.of(), unserved, "documented operations no route serves");
        assertTrue(served.size() > 40, "the recorder saw the routing: " + served);
    }

    @Test
    void everyJsonAnswerNamesAComponentSchemaThatExists() {
        List<String> problems = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode responses = operation.getValue().get("responses");
            if (responses == null) {
                return;
            }
            responses.properties().forEach(response -> {
                JsonNode answer = resolve(response.getValue());
                JsonNode json = answer.path("content").path("application/json");
                if (json.isMissingNode()) {
                    return;
                }
                String ref = json.path("schema").path("$ref").asString("");
                if (!ref.startsWith("#/components/schemas/") || resolve(json.get("schema")).isMissingNode()) {
                    problems.add(operation.getKey() + " " + path.getKey() + " " + response.getKey() + ": " + ref);
                }
            });
        }));
        assertEquals(List.of(), problems);
    }

    @Test
    void theDocumentIsServedAsYamlAndAsJson() {
        RestClient.Response yaml = http.get("/openapi");
        assertEquals(200, yaml.status());
        assertThat(yaml.body(), startsWith("openapi: 3.1.0"));
        assertEquals("3.1.0", document.get("openapi").asString());
    }

    @Test
    void realAnswersHaveDocumentedStatusesAndMatchTheirSchemas() throws IOException {
        check("GET", "/", "/", null);
        check("GET", "/health", "/health", null);

        JsonObject item = Json.createObjectBuilder().add("mangaId", "~Open_Manga").add("extensionId", "local")
                .add("title", "Open Manga").add("status", "reading").add("coverUrl", "http://x/c.png").build();
        String id = check("POST", "/api/library", "/api/library", item.toString()).json().getString("id");
        check("POST", "/api/library", "/api/library", item.toString(), 409);
        check("POST", "/api/library", "/api/library", "{\"title\":5}", 400);
        check("GET", "/api/library", "/api/library?sort=title&limit=5", null);
        check("GET", "/api/library", "/api/library?limit=x", null, 400);
        check("GET", "/api/library/stats", "/api/library/stats", null);
        check("GET", "/api/library/{id}", "/api/library/" + id, null);
        check("GET", "/api/library/{id}", "/api/library/nope", null, 404);
        check("GET", "/api/library/updates/status", "/api/library/updates/status", null);
        check("POST", "/api/library/updates", "/api/library/updates", null, 202);
        Await.until(() -> !http.get("/api/library/updates/status").json().getBoolean("running"),
                "the check is over");
        // a chapter appears: the second check finds it, and the feed lists it
        Path chapter3 = Files.createDirectories(SERVER.dataDir().resolve("local/Open Manga/Chapter 3"));
        Files.write(chapter3.resolve("1.png"), Images.of("png", 10, 10));
        check("POST", "/api/library/updates", "/api/library/updates", null, 202);
        Await.until(() -> !http.get("/api/library/updates/status").json().getBoolean("running"),
                "the second check is over");
        check("GET", "/api/library/updates/status", "/api/library/updates/status", null);
        assertEquals(1, check("GET", "/api/library/updates", "/api/library/updates?limit=5", null).json()
                .getJsonArray("items").size(), "the feed lists the new chapter");
        check("GET", "/api/library/{id}", "/api/library/" + id, null);
        check("PATCH", "/api/library/{id}", "/api/library/" + id, "{\"status\":\"completed\"}");
        check("PATCH", "/api/library/{id}/favorite", "/api/library/" + id + "/favorite", null);
        check("PUT", "/api/library/{id}/progress", "/api/library/" + id + "/progress",
                "{\"chapterId\":\"~Chapter_1\",\"chapterNumber\":\"1\",\"pageNumber\":1,\"totalPages\":2}");
        check("GET", "/api/library/{id}/progress", "/api/library/" + id + "/progress", null);
        check("GET", "/api/library/{id}/chapters/{chapterId}/progress",
                "/api/library/" + id + "/chapters/~Chapter_1/progress", null);
        check("GET", "/api/library/{id}/last-read", "/api/library/" + id + "/last-read", null);
        JsonObject unread = Json.createObjectBuilder(item).add("mangaId", "~Unread").build();
        String unreadId = check("POST", "/api/library", "/api/library", unread.toString()).json().getString("id");
        assertEquals("null", check("GET", "/api/library/{id}/last-read", "/api/library/" + unreadId + "/last-read",
                null).body());
        check("GET", "/api/library/{id}/last-read", "/api/library/nope/last-read", null, 404);
        check("GET", "/api/library/updates", "/api/library/updates?offset=-1", null, 400);

        check("PUT", "/api/settings", "/api/settings", "{\"key\":\"theme\",\"value\":{\"dark\":true}}");
        check("GET", "/api/settings", "/api/settings", null);
        check("GET", "/api/settings/{key}", "/api/settings/theme", null);
        check("DELETE", "/api/settings/{key}", "/api/settings/theme", null);
        check("GET", "/api/settings/{key}", "/api/settings/theme", null, 404);

        check("GET", "/api/extensions", "/api/extensions", null);
        check("GET", "/api/extensions/{id}", "/api/extensions/local", null);
        check("GET", "/api/extensions/{id}/search", "/api/extensions/local/search?query=open", null);
        check("GET", "/api/extensions/{id}/manga/{mangaId}", "/api/extensions/fixture/manga/m1", null, 502);
        check("GET", "/api/extensions/{id}/manga/{mangaId}", "/api/extensions/local/manga/~Open_Manga", null);
        check("GET", "/api/extensions/{id}/manga/{mangaId}/chapters",
                "/api/extensions/local/manga/~Open_Manga/chapters", null);
        check("GET", "/api/extensions/{id}/manga/{mangaId}/cover", "/api/extensions/local/manga/~Open_Manga/cover",
                null);
        check("GET", "/api/extensions/{id}/manga/{mangaId}/cover", "/api/extensions/local/manga/nothing/cover",
                null, 404);
        check("GET", "/api/extensions/{id}/manga/{mangaId}/chapters/{chapterId}/pages",
                "/api/extensions/local/manga/~Open_Manga/chapters/~Chapter_1/pages", null);
        check("GET", "/api/extensions/{id}/manga/{mangaId}/chapters/{chapterId}/pages/{index}",
                "/api/extensions/local/manga/~Open_Manga/chapters/~Chapter_1/pages/0", null);
        // MangaDex's answers carry every optional field: volumes as numbers and as text, groups, times, pages
        JsonObject mangaDex = check("GET", "/api/extensions/{id}/search", "/api/extensions/mangadex/search?query=",
                null).json();
        assertEquals("en", mangaDex.getJsonArray("results").getJsonObject(0).getString("lang"));
        String dexManga = "/api/extensions/mangadex/manga/" + DEX_MANGA;
        JsonObject details = check("GET", "/api/extensions/{id}/manga/{mangaId}", dexManga, null).json();
        assertEquals("Star Crew Scans", details.getJsonArray("chapters").getJsonObject(0).getString("scanlator"));
        check("GET", "/api/extensions/{id}/manga/{mangaId}/chapters", dexManga + "/chapters", null);
        check("POST", "/api/extensions/install", "/api/extensions/install", "{\"repositoryUrl\":\"x\"}", 400);
        check("GET", "/api/extensions/install/{jobId}", "/api/extensions/install/j1", null, 404);

        check("GET", "/api/catalog", "/api/catalog", null);
        check("POST", "/api/catalog/sync", "/api/catalog/sync", "{}", 202);
        check("POST", "/api/installer", "/api/installer", "{\"repositoryUrl\":\"x\"}", 400);
        check("GET", "/api/installer/install/{jobId}", "/api/installer/install/j1", null, 404);

        String reader = "/api/reader/" + id + "/chapters/";
        check("GET", "/api/reader/{libraryId}/chapters/{chapterId}", reader + "~Chapter_1", null);
        check("GET", "/api/reader/{libraryId}/chapters/{chapterId}/next", reader + "~Chapter_1/next", null);
        check("GET", "/api/reader/{libraryId}/chapters/{chapterId}/previous", reader + "~Chapter_2/previous", null);
        check("GET", "/api/reader/{libraryId}/chapters/{chapterId}/previous", reader + "~Chapter_1/previous",
                null, 404);
        check("GET", "/api/reader/{libraryId}/chapters/{chapterId}/pages/{number}", reader + "~Chapter_1/pages/2",
                null);

        String queued = check("POST", "/api/downloads", "/api/downloads", Json.createObjectBuilder()
                .add("libraryId", id).add("extensionId", "local")
                .add("chapterIds", Json.createArrayBuilder().add("~Chapter_1")).build().toString(), 202)
                .json().getJsonArray("downloads").getJsonObject(0).getString("id");
        Await.until(() -> http.get("/api/downloads/" + queued).json().getJsonObject("download")
                .getString("status").equals("completed"), "the chapter is downloaded");
        check("GET", "/api/downloads/{id}", "/api/downloads/" + queued, null);
        check("GET", "/api/downloads", "/api/downloads?libraryId=" + id, null);
        check("GET", "/api/downloads", "/api/downloads?status=sleeping", null, 400);
        check("GET", "/api/downloads/stats", "/api/downloads/stats", null);
        check("GET", "/api/reader/{libraryId}/chapters/{chapterId}", reader + "~Chapter_1", null);
        check("DELETE", "/api/downloads/{id}", "/api/downloads/" + queued, null, 400);
        check("DELETE", "/api/library/{id}", "/api/library/" + id, null);
        check("GET", "/api/reader/{libraryId}/chapters/{chapterId}", reader + "~Chapter_1", null, 404);
    }

    @Test
    void theSchemasRejectAnswersThatDiffer() {
        Schema item = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#/components/schemas/LibraryItem"));
        JsonObject good = Json.createObjectBuilder().add("id", "i").add("mangaId", "m").add("extensionId", "local")
                .add("title", "T").add("status", "reading").add("favorite", false)
                .add("dateAdded", "2025-01-09T18:10:00.000Z").add("lastUpdated", "2025-01-09T18:10:00.000Z")
                .add("newChapters", 0).build();
        assertEquals(List.of(), item.validate(MAPPER.readTree(good.toString())));
        for (JsonObject bad : List.of(
                Json.createObjectBuilder(good).remove("id").build(),
                Json.createObjectBuilder(good).add("status", "sleeping").build(),
                Json.createObjectBuilder(good).add("favorite", "no").build(),
                Json.createObjectBuilder(good).remove("newChapters").build(),
                Json.createObjectBuilder(good).add("dateAdded", "2025-01-09T18:10:00Z").build())) {
            assertTrue(!item.validate(MAPPER.readTree(bad.toString())).isEmpty(), bad::toString);
        }
        Schema chapter = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#/components/schemas/ReaderChapter"));
        String absolute = "{\"id\":\"c\",\"number\":\"1\",\"isDownloaded\":false,\"previousChapterId\":null,"
                          + "\"nextChapterId\":null,\"pages\":[{\"number\":1,\"url\":\"http://h/api/reader/x\"}]}";
        assertTrue(!chapter.validate(MAPPER.readTree(absolute)).isEmpty(), "page URLs are relative");
    }

    /** Sends a request expecting success (the operation's first 2xx), checks the answer, returns it. */
    private RestClient.Response check(String method, String template, String path, String body) {
        RestClient.Response response = send(method, path, body);
        assertTrue(response.status() / 100 == 2, () -> method + " " + path + ": " + response);
        return matches(method, template, response);
    }

    private RestClient.Response check(String method, String template, String path, String body, int status) {
        RestClient.Response response = send(method, path, body);
        assertEquals(status, response.status(), () -> method + " " + path + ": " + response);
        return matches(method, template, response);
    }

    private RestClient.Response send(String method, String path, String body) {
        return body == null
                ? http.send(method, path, BodyPublishers.noBody(), Map.of())
                : http.send(method, path, BodyPublishers.ofString(body), Map.of("Content-Type", "application/json"));
    }

    /** The answer's status is documented for the operation, and a JSON body matches the documented schema. */
    private RestClient.Response matches(String method, String template, RestClient.Response response) {
        JsonNode operation = document.path("paths").path(template).path(method.toLowerCase());
        assertTrue(!operation.isMissingNode(), method + " " + template + " is documented");
        JsonNode answer = resolve(operation.path("responses").path(String.valueOf(response.status())));
        assertTrue(!answer.isMissingNode(), () -> method + " " + template + " documents " + response.status()
                                                  + ", answered " + response);
        JsonNode json = answer.path("content").path("application/json");
        if (json.isMissingNode()) {
            if (answer.path("content").has("image/*")) {
                assertThat(method + " " + template, response.contentType(), startsWith("image/"));
            } else {
                assertEquals(0, response.bytes().length, () -> method + " " + template + " documents no body");
            }
            return response;
        }
        assertThat(response.contentType(), containsString("application/json"));
        String ref = json.path("schema").path("$ref").asString();
        Schema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT + ref));
        List<Error> errors = schema.validate(MAPPER.readTree(response.body()));
        if (!errors.isEmpty()) {
            fail(method + " " + template + " " + response.status() + " does not match " + ref + ": " + errors
                 + "\n" + response.body());
        }
        return response;
    }

    /** A node, or the node its {@code $ref} names in this document. */
    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asString("");
        if (!ref.startsWith("#/")) {
            return node;
        }
        JsonNode target = document;
        Iterator<String> parts = List.of(ref.substring(2).split("/")).iterator();
        while (parts.hasNext()) {
            target = target.path(parts.next().replace("~1", "/").replace("~0", "~"));
        }
        return target;
    }

    private static String normalized(String route) {
        return PARAMETER.matcher(route).replaceAll("{}");
    }

    private static Matcher<String> startsWithMethod() {
        return matchesPattern("(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|ANY) /.*");
    }
}
