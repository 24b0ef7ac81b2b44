package dev.jamra.server.opds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.jamra.server.testing.LibraryRows;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;


import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A library larger than a feed's page, walked as an OPDS app walks it: by {@code next} links, in both catalogs,
 * every title once and in order, with {@code first}, {@code previous}, {@code last} and the totals along the way.
 */
class OpdsPagingTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private static final int TITLES = 2 * OpdsCatalog.TITLES_PER_PAGE + 23;

    private final RestClient http = SERVER.http();

    @BeforeAll
    static void fillTheLibrary() {
        try (LibraryRows rows = LibraryRows.open(SERVER.dataDir())) {
            for (int i = 0; i < TITLES; i++) {
                rows.insert(String.format("manga-%03d", i), "local");
            }
        }
    }

    @Test
    void theAtomLibraryIsWalkedByNextLinksEveryTitleOnceByName() {
        List<String> titles = new ArrayList<>();
        String url = "/opds/shelves/library";
        List<String> selves = new ArrayList<>();
        for (int page = 1; url != null; page++) {
            assertTrue(page <= 3, "three pages");
            AtomDocument feed = AtomDocument.feed(http.get(url).bytes());
            selves.add(feed.link("self").orElseThrow().getAttribute("href"));
            titles.addAll(feed.titles());
            assertEquals(String.valueOf(TITLES), AtomDocument.text(feed.root(), AtomDocument.OPENSEARCH,
                    "totalResults"));
            assertEquals(String.valueOf((page - 1) * OpdsCatalog.TITLES_PER_PAGE + 1),
                    AtomDocument.text(feed.root(), AtomDocument.OPENSEARCH, "startIndex"));
            assertEquals(SERVER.uri() + "/opds/shelves/library", feed.link("first").orElseThrow()
                    .getAttribute("href"));
            assertEquals(SERVER.uri() + "/opds/shelves/library?page=3", feed.link("last").orElseThrow()
                    .getAttribute("href"));
            assertEquals(page > 1, feed.link("previous").isPresent(), "previous from page 2 on");
            feed.link("previous").ifPresent(previous -> assertEquals(selves.get(selves.size() - 2),
                    previous.getAttribute("href")));
            url = feed.link("next").map(next -> next.getAttribute("href")).orElse(null);
        }
        assertEquals(TITLES, titles.size());
        assertEquals(TITLES, new HashSet<>(titles).size(), "no title twice");
        List<String> sorted = new ArrayList<>(titles);
        sorted.sort(String::compareTo);
        assertEquals(sorted, titles, "by name");
        assertEquals(List.of(), AtomDocument.feed(http.get("/opds/shelves/library?page=4").bytes()).titles(),
                "past the end: an empty page");
    }

    @Test
    void theOpds2LibraryIsWalkedByNextLinksToo() {
        Set<String> titles = new HashSet<>();
        String url = "/opds/v2/shelves/library";
        int pages = 0;
        while (url != null) {
            RestClient.Response response = http.get(url);
            assertEquals(List.of(), Opds2Schema.errors(Opds2Schema.FEED, response.body()));
            JsonObject feed = response.json();
            pages++;
            assertEquals(TITLES, feed.getJsonObject("metadata").getInt("numberOfItems"));
            assertEquals(OpdsCatalog.TITLES_PER_PAGE, feed.getJsonObject("metadata").getInt("itemsPerPage"));
            assertEquals(pages, feed.getJsonObject("metadata").getInt("currentPage"));
            feed.getJsonArray("navigation").forEach(link -> assertTrue(titles.add(link.asJsonObject()
                    .getString("title"))));
            url = feed.getJsonArray("links").stream().map(JsonValue::asJsonObject)
                    .filter(link -> link.getString("rel").equals("next")).map(link -> link.getString("href"))
                    .findFirst().orElse(null);
        }
        assertEquals(3, pages);
        assertEquals(TITLES, titles.size());
    }

    @Test
    void recentlyAddedListsTheNewestFirstAndRecentlyReadOnlyWhatWasRead() {
        AtomDocument added = AtomDocument.feed(http.get("/opds/shelves/recently-added").bytes());
        assertEquals(OpdsCatalog.TITLES_PER_PAGE, added.entries().size());
        AtomDocument read = AtomDocument.feed(http.get("/opds/shelves/recently-read").bytes());
        assertEquals(List.of(), read.titles(), "nothing was read");
        assertEquals("0", AtomDocument.text(read.root(), AtomDocument.OPENSEARCH, "totalResults"));
        assertFalse(read.link("next").isPresent());
        for (Element entry : added.entries()) {
            assertEquals(OpdsCatalogTest.ACQUISITION, AtomDocument.link(entry, "subsection").orElseThrow()
                    .getAttribute("type"), "a title links to its acquisition feed");
        }
    }
}
