package dev.jamra.server.opds;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.RawHttp;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;

import static dev.jamra.server.opds.AtomDocument.ATOM;
import static dev.jamra.server.opds.AtomDocument.DCTERMS;
import static dev.jamra.server.opds.AtomDocument.PSE;
import static dev.jamra.server.opds.AtomDocument.link;
import static dev.jamra.server.opds.AtomDocument.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OPDS 1.2 catalog over a real socket, read as an OPDS app reads it: from {@code /opds}, following links only,
 * down to a chapter whose pages it streams through OPDS-PSE, which records the reading as the reader app does.
 */
class OpdsCatalogTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create().readingSite()
            .configured(Map.of("server.allowed-hosts", "jamra.lan"))
            .preparedBy(OpdsCatalogTest::prepare);

    static final String NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation";
    static final String ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition";
    static final String TITLE = "Sōshun Stories";
    private static final List<PageFixture> CHAPTER_1 = List.of(
            PageFixture.of("1.png").withBytes(Images.of("png", 40, 60)),
            PageFixture.of("2.jpg").withBytes(Images.of("jpg", 50, 70)),
            PageFixture.of("3.png").withBytes(Images.of("png", 30, 90)));

    private final URI uri = SERVER.uri();
    private final RestClient http = SERVER.http();

    private static void prepare() throws IOException {
        SERVER.site().addManga("soshun", TITLE);
        SERVER.site().addChapter("soshun", "c1", "1", CHAPTER_1);
        SERVER.site().addChapter("soshun", "c2", "2", List.of(PageFixture.of("1.png")));
        Path local = Files.createDirectories(SERVER.dataDir().resolve("local/Local Series/Chapter 1"));
        Files.write(local.resolve("1.png"), Images.of("png", 20, 30));
    }

    /** Adds the SERVER.site()'s manga to the library, once; returns its id. */
    private String soshun() {
        return add(Json.createObjectBuilder().add("mangaId", "soshun").add("extensionId", "fixture")
                .add("title", TITLE).add("coverUrl", "https://covers.example/soshun.jpg?size=256")
                .add("status", "reading").build());
    }

    /** Adds an item, or finds it added by an earlier test; returns its id. */
    private String add(JsonObject item) {
        RestClient.Response added = http.post("/api/library", item);
        assertTrue(added.status() == 201 || added.status() == 409, added::toString);
        return added.status() == 201 ? added.json().getString("id")
                : added.json().getJsonObject("details").getString("libraryId");
    }

    private AtomDocument feed(String url, String expectedType) {
        RestClient.Response response = http.get(url);
        assertEquals(200, response.status(), () -> url + ": " + response);
        assertEquals(expectedType + ";charset=utf-8", response.contentType());
        return AtomDocument.feed(response.bytes());
    }

    /** Follows the link of relation {@code rel} of {@code element}, checking its declared type. */
    private AtomDocument follow(Element element, String rel, String type) {
        Element link = link(element, rel).orElseThrow(() -> new AssertionError("No " + rel + " link"));
        assertEquals(type, link.getAttribute("type"));
        return feed(link.getAttribute("href"), type);
    }

    @Test
    void theRootIsANavigationFeedOfEveryShelfAndTheNewChaptersWithStartSelfAndSearch() {
        AtomDocument root = feed("/opds", NAVIGATION);
        assertEquals("JAMRA", root.title());
        assertEquals(uri + "/opds", root.link("self").orElseThrow().getAttribute("href"));
        assertEquals(NAVIGATION, root.link("self").orElseThrow().getAttribute("type"));
        assertEquals(uri + "/opds", root.link("start").orElseThrow().getAttribute("href"));
        Element search = root.link("search").orElseThrow();
        assertEquals("application/opensearchdescription+xml", search.getAttribute("type"));
        assertEquals(List.of("Library", "Reading", "Plan to read", "Completed", "On hold", "Dropped", "Favorites",
                "Recently added", "Recently read", "New chapters"), root.titles());
        Set<String> ids = new java.util.HashSet<>();
        for (Element entry : root.entries()) {
            Element subsection = link(entry, "subsection").orElseThrow();
            boolean shelf = !text(entry, "title").equals("New chapters");
            assertEquals(shelf ? NAVIGATION : ACQUISITION, subsection.getAttribute("type"));
            assertTrue(subsection.getAttribute("href").startsWith(uri + (shelf ? "/opds/shelves/" : "/opds/new-")));
            assertEquals("text", AtomDocument.children(entry, "content").getFirst().getAttribute("type"));
            assertTrue(ids.add(text(entry, "id")), "ids are unique");
        }
        assertEquals(root.id(), feed("/opds/", NAVIGATION).id(), "the same feed with a trailing slash");
    }

    @Test
    void aReaderWalksFromTheRootToAChapterAndStreamsEveryPageWhichRecordsItsProgress() {
        String libraryId = soshun();
        AtomDocument reading = follow(feed("/opds", NAVIGATION).entry("Reading"), "subsection", NAVIGATION);
        AtomDocument title = follow(reading.entry(TITLE), "subsection", ACQUISITION);
        assertEquals(TITLE, title.title());
        assertEquals(List.of("Chapter 1", "Chapter 2"), title.titles(), "in reading order");
        Element chapter = title.entry("Chapter 1");
        assertEquals("3 pages", text(chapter, "content"));
        Element archive = link(chapter, "http://opds-spec.org/acquisition").orElseThrow();
        assertEquals("application/vnd.comicbook+zip", archive.getAttribute("type"));
        assertEquals(uri + "/api/library/" + libraryId + "/chapters/c1/cbz", archive.getAttribute("href"));
        Element cover = link(chapter, "http://opds-spec.org/image").orElseThrow();
        assertEquals("https://covers.example/soshun.jpg?size=256", cover.getAttribute("href"));
        assertEquals("image/jpeg", cover.getAttribute("type"));
        assertEquals("https://covers.example/soshun.jpg?size=256",
                link(chapter, "http://opds-spec.org/image/thumbnail").orElseThrow().getAttribute("href"));

        Element stream = link(chapter, "http://vaemendis.net/opds-pse/stream").orElseThrow();
        assertEquals("3", stream.getAttributeNS(PSE, "count"));
        assertFalse(stream.hasAttributeNS(PSE, "lastRead"), "nothing read yet");
        assertEquals("image/jpeg", stream.getAttribute("type"), "a chapter not downloaded: pages of any type");
        String template = stream.getAttribute("href");
        assertEquals(uri + "/opds/stream/" + libraryId + "/c1/{pageNumber}", template);

        try (ChannelClient channel = ChannelClient.connect(uri)) {
            for (int page = 0; page < 3; page++) {  // OPDS-PSE counts pages from 0
                RestClient.Response image = http.get(template.replace("{pageNumber}", String.valueOf(page)));
                assertEquals(200, image.status(), image::toString);
                assertArrayEquals(CHAPTER_1.get(page).bytes(), image.bytes(), "page " + page + " is the source's");
                assertEquals(CHAPTER_1.get(page).contentType(), image.contentType());
            }
            JsonObject event = progressEvent(channel, 3);
            assertEquals(libraryId, event.getString("libraryId"));
            assertEquals("c1", event.getString("chapterId"));
            assertEquals("1", event.getString("chapterNumber"));
            assertTrue(event.getBoolean("completed"));
        }
        JsonObject progress = http.get("/api/library/" + libraryId + "/chapters/c1/progress").json();
        assertEquals(3, progress.getInt("pageNumber"), "the furthest page, counted from 1");
        assertEquals(3, progress.getInt("totalPages"));
        assertEquals("c1", http.get("/api/library/" + libraryId + "/last-read").json().getString("chapterId"));

        Element again = link(feed(title.link("self").orElseThrow().getAttribute("href"), ACQUISITION)
                .entry("Chapter 1"), "http://vaemendis.net/opds-pse/stream").orElseThrow();
        assertEquals("3", again.getAttributeNS(PSE, "lastRead"), "OPDS-PSE counts the last page read from 1");
        assertTrue(again.getAttributeNS(PSE, "lastReadUpdate").endsWith("Z"));
        assertEquals(again.getAttributeNS(PSE, "lastReadUpdate"), again.getAttributeNS(PSE, "lastReadDate"));
        assertTrue(http.get("/opds/shelves/recently-read").body().contains(TITLE), "read titles are recently read");
    }

    /** The channel's next {@code library:progress:updated} at {@code page}, skipping other events. */
    private static JsonObject progressEvent(ChannelClient channel, int page) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            JsonObject message = channel.next();
            seen.add(message.getString("event"));
            if (message.getString("event").equals("library:progress:updated")
                && message.getJsonObject("data").getInt("pageNumber") == page) {
                return message.getJsonObject("data");
            }
        }
        throw new AssertionError("No progress event at page " + page + " among " + seen);
    }

    @Test
    void streamedPagesOutsideTheChapterAreRefusedAndRecordNothing() {
        String libraryId = soshun();
        String pages = "/opds/stream/" + libraryId + "/c2/";
        assertEquals(404, http.get(pages + "1").status(), "chapter 2 has one page, numbered 0");
        assertEquals(400, http.get(pages + "-1").status());
        RestClient.Response notANumber = http.get(pages + "first");
        assertEquals(400, notANumber.status());
        assertEquals("pageNumber", notANumber.json().getJsonObject("details").getString("field"));
        assertEquals(404, http.get("/api/library/" + libraryId + "/chapters/c2/progress").status());
        assertEquals(404, http.get("/opds/stream/nope/c2/0").status());
    }

    @Test
    void searchIsDescribedByOpenSearchAndFindsTitlesByName() {
        soshun();
        AtomDocument root = feed("/opds", NAVIGATION);
        RestClient.Response description = http.get(root.link("search").orElseThrow().getAttribute("href"));
        assertEquals("application/opensearchdescription+xml;charset=utf-8", description.contentType());
        Element document = AtomDocument.parse(description.bytes()).getDocumentElement();
        assertEquals(AtomDocument.OPENSEARCH, document.getNamespaceURI());
        assertEquals("OpenSearchDescription", document.getLocalName());
        String shortName = text(document, AtomDocument.OPENSEARCH, "ShortName");
        assertTrue(!shortName.isEmpty() && shortName.length() <= 16, "OpenSearch: at most 16 characters");
        Element url = AtomDocument.children(document, AtomDocument.OPENSEARCH, "Url").getFirst();
        assertEquals(NAVIGATION, url.getAttribute("type"));
        String template = url.getAttribute("template");
        assertTrue(template.contains("{searchTerms}"), template);

        String search = template.replace("{searchTerms}", "s%C5%8Dshun").replace("{startPage?}", "");
        AtomDocument results = feed(search, NAVIGATION);
        assertEquals(List.of(TITLE), results.titles(), "case and accents as typed: the title's own letters");
        assertEquals(List.of(), feed(template.replace("{searchTerms}", "nothing").replace("{startPage?}", "1"),
                NAVIGATION).titles());
        assertEquals("1", text(results.root(), AtomDocument.OPENSEARCH, "totalResults"));
        assertEquals(400, http.get("/opds/search").status(), "a search needs its terms");
        assertEquals(400, http.get("/opds/search?query=" + "x".repeat(201)).status());
    }

    @Test
    void linksAreBuiltOnTheHostTheClientUsed() {
        String libraryId = soshun();
        RawHttp.Answer answer = RawHttp.get(uri, "/opds/titles/" + libraryId, "jamra.lan:" + uri.getPort());
        assertEquals(200, answer.status(), answer::body);
        AtomDocument title = AtomDocument.feed(answer.body().getBytes(StandardCharsets.UTF_8));
        String lan = "http://jamra.lan:" + uri.getPort();
        assertEquals(lan + "/opds/titles/" + libraryId, title.link("self").orElseThrow().getAttribute("href"));
        for (Element entry : title.entries()) {
            for (Element link : AtomDocument.links(entry)) {
                String href = link.getAttribute("href");
                assertTrue(href.startsWith(lan) || href.startsWith("https://covers.example/"), href);
            }
        }
        assertEquals(403, RawHttp.get(uri, "/opds", "elsewhere.example").status(), "the API's Host rules");
    }

    @Test
    void aLocalTitleListsItsChaptersWithTheirPageCountsAndTheirLanguage() {
        String libraryId = add(Json.createObjectBuilder().add("mangaId", "~Local_Series").add("extensionId", "local")
                .add("title", "Local Series").add("status", "plan_to_read").build());
        AtomDocument title = feed("/opds/titles/" + libraryId, ACQUISITION);
        Element chapter = title.entry("Chapter 1");
        assertEquals("1", link(chapter, "http://vaemendis.net/opds-pse/stream").orElseThrow()
                .getAttributeNS(PSE, "count"), "counted by listing the chapter's pages");
        assertEquals(uri + "/api/extensions/local/manga/~Local_Series/cover",
                link(chapter, "http://opds-spec.org/image").orElseThrow().getAttribute("href"),
                "added without a cover: the one the local folder serves (its first page)");
        assertEquals("", text(chapter, DCTERMS, "language"));
        assertEquals(ATOM, chapter.getNamespaceURI());
    }

    @Test
    void wrongRequestsGetJsonErrors() {
        assertEquals(404, http.get("/opds/shelves/unread").status());
        assertEquals(404, http.get("/opds/titles/nope").status());
        for (String page : List.of("0", "-3", "x", "100001")) {
            RestClient.Response response = http.get("/opds/shelves/library?page=" + page);
            assertEquals(400, response.status(), page);
            assertEquals("page", response.json().getJsonObject("details").getString("field"));
        }
        assertEquals(405, http.post("/opds", "{}").status());
    }
}
