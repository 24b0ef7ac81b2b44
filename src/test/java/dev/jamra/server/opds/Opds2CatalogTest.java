package dev.jamra.server.opds;

import java.util.List;
import java.util.Map;

import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;


import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OPDS 2.0 catalog over a real socket: every document held to the OPDS 2.0 schema, the same tree as the Atom
 * catalog, reached by following links from {@code /opds/v2}, down to a chapter's page stream.
 */
class Opds2CatalogTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create().readingSite()
            .preparedBy(Opds2CatalogTest::prepare);

    private static final String TYPE = "application/opds+json";
    private static final List<PageFixture> PAGES = List.of(
            PageFixture.of("1.png").withBytes(Images.of("png", 40, 60)),
            PageFixture.of("2.png").withBytes(Images.of("png", 50, 70)));

    private final RestClient http = SERVER.http();

    private static void prepare() {
        SERVER.site().addManga("dex", "Dex Stories");
        SERVER.site().addChapter("dex", "c1", "1", PAGES);
        SERVER.site().addChapter("dex", "c2", "2", PAGES.subList(0, 1));
        SERVER.site().addManga("webp", "Covered In WebP");
        SERVER.site().addChapter("webp", "w1", "1", PAGES);
    }

    private String item(String coverUrl) {
        return item("dex", "Dex Stories", coverUrl);
    }

    private String item(String mangaId, String title, String coverUrl) {
        JsonObject item = Json.createObjectBuilder().add("mangaId", mangaId).add("extensionId", "fixture")
                .add("title", title).add("status", "completed").add("coverUrl", coverUrl).build();
        RestClient.Response added = http.post("/api/library", item);
        return added.status() == 201 ? added.json().getString("id")
                : added.json().getJsonObject("details").getString("libraryId");
    }

    /** Fetches an OPDS 2.0 document and holds it to the schema. */
    private JsonObject document(String url, com.networknt.schema.Schema schema, String type) {
        RestClient.Response response = http.get(url);
        assertEquals(200, response.status(), () -> url + ": " + response);
        assertEquals(type + ";charset=utf-8", response.contentType());
        assertEquals(List.of(), Opds2Schema.errors(schema, response.body()), () -> url + "\n" + response.body());
        return response.json();
    }

    private JsonObject feed(String url) {
        return document(url, Opds2Schema.FEED, TYPE);
    }

    private static JsonObject linkOf(JsonObject owner, String collection, String rel) {
        return owner.getJsonArray(collection).stream().map(JsonValue::asJsonObject)
                .filter(link -> link.getString("rel").equals(rel)).findFirst()
                .orElseThrow(() -> new AssertionError("No " + rel + " in " + owner.getJsonArray(collection)));
    }

    private static JsonObject titled(JsonObject feed, String title) {
        return feed.getJsonArray("navigation").stream().map(JsonValue::asJsonObject)
                .filter(link -> link.getString("title").equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("No " + title + " in " + feed.getJsonArray("navigation")));
    }

    @Test
    void aReaderFollowsLinksFromTheRootToAChapterAndStreamsItsPages() {
        String libraryId = item("https://covers.example/dex.png");
        JsonObject root = feed("/opds/v2");
        assertEquals(SERVER.uri() + "/opds/v2", linkOf(root, "links", "self").getString("href"));
        JsonObject search = linkOf(root, "links", "search");
        assertTrue(search.getBoolean("templated"));
        assertEquals(SERVER.uri() + "/opds/v2/search{?query}", search.getString("href"));
        assertEquals(10, root.getJsonArray("navigation").size(), "the shelves and new chapters of the Atom catalog");

        JsonObject completed = feed(titled(root, "Completed").getString("href"));
        JsonObject title = feed(titled(completed, "Dex Stories").getString("href"));
        assertEquals(2, title.getJsonObject("metadata").getInt("numberOfItems"));
        JsonObject chapter = title.getJsonArray("publications").getJsonObject(0);
        assertEquals("Chapter 1", chapter.getJsonObject("metadata").getString("title"));
        assertEquals(2, chapter.getJsonObject("metadata").getInt("numberOfPages"));
        assertEquals("https://covers.example/dex.png", chapter.getJsonArray("images").getJsonObject(0)
                .getString("href"));
        assertEquals(1, chapter.getJsonArray("images").size(), "a PNG cover needs no stand-in");
        JsonObject archive = linkOf(chapter, "links", "http://opds-spec.org/acquisition");
        assertEquals("application/vnd.comicbook+zip", archive.getString("type"));
        assertEquals(200, http.get(archive.getString("href")).status());

        JsonObject self = document(linkOf(chapter, "links", "self").getString("href"), Opds2Schema.PUBLICATION,
                "application/opds-publication+json");
        assertEquals(chapter, self, "the publication as the feed lists it");

        JsonObject stream = linkOf(chapter, "links", "http://vaemendis.net/opds-pse/stream");
        assertTrue(stream.getBoolean("templated"));
        assertEquals(2, stream.getJsonObject("properties").getInt("pse:count"));
        for (int page = 0; page < 2; page++) {
            RestClient.Response image = http.get(stream.getString("href").replace("{pageNumber}",
                    String.valueOf(page)));
            assertArrayEquals(PAGES.get(page).bytes(), image.bytes());
        }
        JsonObject read = linkOf(feed("/opds/v2/titles/" + libraryId).getJsonArray("publications")
                .getJsonObject(0), "links", "http://vaemendis.net/opds-pse/stream");
        assertEquals(2, read.getJsonObject("properties").getInt("pse:lastRead"));
        assertTrue(read.getJsonObject("properties").getString("pse:lastReadUpdate").endsWith("Z"));

        JsonObject found = feed(search.getString("href").replace("{?query}", "?query=dex"));
        assertEquals(List.of("Dex Stories"), found.getJsonArray("navigation").stream()
                .map(link -> link.asJsonObject().getString("title")).toList());
    }

    @Test
    void aTitleWithoutACoverOpds2AppsCanShowGetsTheStandIn() {
        String libraryId = item("webp", "Covered In WebP", "https://covers.example/webp.webp");
        JsonObject chapter = feed("/opds/v2/titles/" + libraryId).getJsonArray("publications").getJsonObject(0);
        assertEquals(2, chapter.getJsonArray("images").size());
        JsonObject standIn = chapter.getJsonArray("images").getJsonObject(1);
        assertEquals("image/png", standIn.getString("type"));
        RestClient.Response image = http.get(standIn.getString("href"));
        assertEquals(200, image.status());
        assertEquals("image/png", image.contentType());
        assertEquals(Images.of("png", 1, 1)[1], image.bytes()[1], "a PNG");
    }

    @Test
    void theSchemaTheFeedsMeetRefusesWhatOpds2Forbids() {
        item("https://covers.example/dex.png");
        JsonObject good = http.get("/opds/v2/shelves/library").json();
        assertEquals(List.of(), Opds2Schema.errors(Opds2Schema.FEED, good.toString()));
        JsonObject noSelf = Json.createObjectBuilder(good).add("links", Json.createArrayBuilder()).build();
        JsonObject untitled = Json.createObjectBuilder(good).add("navigation", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("href", "/x"))).build();
        JsonObject noCollection = Json.createObjectBuilder(good).remove("navigation").build();
        for (JsonObject bad : List.of(noSelf, untitled, noCollection)) {
            assertFalse(Opds2Schema.errors(Opds2Schema.FEED, bad.toString()).isEmpty(), bad::toString);
        }
        JsonObject publication = feed("/opds/v2/titles/" + item("https://covers.example/dex.png"))
                .getJsonArray("publications").getJsonObject(0);
        JsonObject noImage = Json.createObjectBuilder(publication).add("images", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("href", "/x.webp").add("type", "image/webp"))).build();
        // the specification's text asks for a JPEG, PNG, GIF or AVIF image; the published schema does not check it
        if (!Opds2Schema.isPublished()) {
            assertFalse(Opds2Schema.errors(Opds2Schema.PUBLICATION, noImage.toString()).isEmpty());
        }
    }

    @Test
    void wrongRequestsGetJsonErrors() {
        assertEquals(400, http.get("/opds/v2/search").status());
        assertEquals(404, http.get("/opds/v2/titles/nope").status());
        String libraryId = item("https://covers.example/dex.png");
        assertEquals(404, http.get("/opds/v2/titles/" + libraryId + "/chapters/c9").status());
        assertEquals(400, http.get("/opds/v2/shelves/reading?page=0").status());
    }
}
