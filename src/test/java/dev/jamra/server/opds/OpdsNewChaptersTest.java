package dev.jamra.server.opds;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;
import dev.jamra.server.updates.LocalFolders;
import dev.jamra.server.updates.UpdatesApi;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;

import static dev.jamra.server.opds.AtomDocument.PSE;
import static dev.jamra.server.opds.AtomDocument.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog's "New chapters": what library checks found, the latest first, in both OPDS versions; a chapter
 * streams through OPDS-PSE once it is downloaded, and an empty feed still meets OPDS 2.0.
 */
class OpdsNewChaptersTest {
    private static final String STREAM = "http://vaemendis.net/opds-pse/stream";

    @RegisterExtension
    static final TestServer SERVER = TestServer.create().configured(UpdatesApi.CHECKS_WHEN_ASKED);

    private final RestClient http = SERVER.http();
    @RegisterExtension
    final UpdatesApi updates = UpdatesApi.of(SERVER);
    private final LocalFolders folders = LocalFolders.of(SERVER);

    private AtomDocument atom(String path) {
        RestClient.Response response = http.get(path);
        assertEquals(200, response.status(), response::toString);
        return AtomDocument.feed(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private JsonObject opds2(String path) {
        RestClient.Response response = http.get(path);
        assertEquals(200, response.status(), response::toString);
        assertEquals(List.of(), Opds2Schema.errors(Opds2Schema.FEED, response.body()), response::body);
        return response.json();
    }

    @Test
    void theRootLeadsToTheNewChaptersWhichAreEmptyBeforeAnyCheck() {
        Element entry = atom("/opds").entry("New chapters");
        assertTrue(link(entry, "subsection").orElseThrow().getAttribute("href").endsWith("/opds/new-chapters"));
        assertEquals(List.of(), atom("/opds/new-chapters").entries());

        JsonObject root = opds2("/opds/v2");
        assertTrue(root.getJsonArray("navigation").stream().map(JsonValue::asJsonObject)
                .anyMatch(link -> link.getString("title").equals("New chapters")
                                  && link.getString("href").endsWith("/opds/v2/new-chapters")));
        JsonObject empty = opds2("/opds/v2/new-chapters");
        assertEquals(0, empty.getJsonObject("metadata").getInt("numberOfItems"));
        assertEquals(List.of("start"), empty.getJsonArray("navigation").stream()
                .map(link -> link.asJsonObject().getString("rel")).toList(), "an empty feed links back to the root");
    }

    @Test
    void aChapterACheckFoundIsListedWithItsArchiveAndStreamsOnceDownloaded() {
        folders.chapter("Vinland", "Chapter 1");
        String item = updates.add("Vinland", "local", "Vinland Saga");
        updates.checkAndWait();
        folders.chapter("Vinland", "Chapter 2");
        updates.checkAndWait();

        Element found = atom("/opds/new-chapters").entry("Vinland Saga: Chapter 2");
        assertTrue(link(found, "http://opds-spec.org/acquisition").orElseThrow().getAttribute("href")
                .endsWith("/api/library/" + item + "/chapters/~Chapter_2/cbz"));
        assertTrue(link(found, STREAM).isEmpty(), "pages stream here once the chapter is downloaded");
        JsonObject publication = opds2("/opds/v2/new-chapters").getJsonArray("publications").getJsonObject(0);
        assertEquals("Vinland Saga: Chapter 2", publication.getJsonObject("metadata").getString("title"));

        RestClient.Response queued = http.post("/api/downloads", Json.createObjectBuilder().add("libraryId", item)
                .add("mangaId", "Vinland").add("extensionId", "local")
                .add("chapterIds", Json.createArrayBuilder().add("~Chapter_2")).build());
        assertEquals(202, queued.status(), queued::toString);
        String downloadId = queued.json().getJsonArray("downloads").getJsonObject(0).getString("id");
        Await.until(() -> http.get("/api/downloads/" + downloadId).json().getJsonObject("download")
                .getString("status").equals("completed"), "the chapter is downloaded");

        Element stream = link(atom("/opds/new-chapters").entry("Vinland Saga: Chapter 2"), STREAM).orElseThrow();
        assertEquals("1", stream.getAttributeNS(PSE, "count"));
        assertTrue(stream.getAttribute("href").endsWith("/opds/stream/" + item + "/~Chapter_2/{pageNumber}"));
        RestClient.Response page = http.get("/opds/stream/" + item + "/~Chapter_2/0");
        assertEquals(200, page.status(), page::toString);
        assertEquals(0, updates.newChapters(item), "reading it through OPDS-PSE opened it");
        assertEquals("Opened since, downloaded", AtomDocument.text(
                atom("/opds/new-chapters").entry("Vinland Saga: Chapter 2"), "content"));
    }
}
