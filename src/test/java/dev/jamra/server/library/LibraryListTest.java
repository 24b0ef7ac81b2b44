package dev.jamra.server.library;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.jamra.server.library.LibraryApi.assertFieldError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Listing the library: filters, literal case-insensitive search, sort orders, pagination and stats, over a
 * fixed set of items that no test changes.
 */
class LibraryListTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.direct();

    /** Titles in the order they are added, with their status. */
    private static final List<String[]> SEED = List.of(
            new String[] {"Berserk", "reading"},
            new String[] {"akira", "completed"},
            new String[] {"Claymore", "plan_to_read"},
            new String[] {"Dorohedoro", "dropped"},
            new String[] {"Éclair", "on_hold"},
            new String[] {"100% Orange", "reading"},
            new String[] {"1000 Orange", "reading"},
            new String[] {"snake_case", "reading"},
            new String[] {"snakeXcase", "reading"},
            new String[] {"Hell's Paradise", "reading"},
            new String[] {"The \"Best\" Manga", "reading"},
            new String[] {"C:\\Manga", "reading"});
    private static final List<String> ADDED = SEED.stream().map(seed -> seed[0]).toList();
    /** Favorited after every add, Dorohedoro last, each at a later millisecond. */
    private static final List<String> FAVORITES = List.of("akira", "Dorohedoro");

    private final LibraryApi api = new LibraryApi(SERVER.http());

    @BeforeAll
    static void seed() {
        LibraryApi api = new LibraryApi(SERVER.http());
        List<JsonObject> added = new ArrayList<>();
        for (String[] seed : SEED) {
            added.add(api.add(seed[0], seed[1]));
        }
        String latest = added.getLast().getString("dateAdded");
        for (String title : FAVORITES) {
            // a later millisecond than every earlier change, so the lastUpdated order is certain
            awaitClockPast(latest);
            String id = added.get(ADDED.indexOf(title)).getString("id");
            latest = api.toggleFavorite(id).getString("lastUpdated");
        }
    }

    private static void awaitClockPast(String isoTime) {
        long millis = java.time.Instant.parse(isoTime).toEpochMilli();
        Await.until(() -> System.currentTimeMillis() > millis, "the clock passes " + isoTime);
    }

    private static String search(String text) {
        return "?search=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private JsonObject list(String query) {
        return api.list(query);
    }

    private List<String> titles(String query) {
        return LibraryApi.titles(list(query));
    }

    @Test
    void theDefaultIsEveryItemMostRecentlyUpdatedFirst() {
        JsonObject page = list("");
        assertEquals(byUpdate(), LibraryApi.titles(page));
        assertEquals(12, page.getInt("total"));
        assertEquals(0, page.getInt("offset"));
        assertEquals(java.util.Set.of("items", "total", "offset"), page.keySet(), "no limit was asked, none is shown");
    }

    @Test
    void emptyParametersCountAsNotGiven() {
        assertEquals(list(""), list("?status=&favorite=&search=&sort=&direction=&limit=&offset="));
    }

    @Test
    void filtersByStatusAndFavorite() {
        assertEquals(List.of("C:\\Manga", "The \"Best\" Manga", "Hell's Paradise", "snakeXcase", "snake_case",
                "1000 Orange", "100% Orange", "Berserk"), titles("?status=reading"));
        assertEquals(8, list("?status=reading").getInt("total"));
        assertEquals(List.of("Éclair"), titles("?status=on_hold"));
        assertEquals(List.of("Dorohedoro", "akira"), titles("?favorite=true"));
        assertEquals(10, list("?favorite=false").getInt("total"));
        assertEquals(List.of("akira"), titles("?status=completed&favorite=true"));
        assertEquals(List.of(), titles("?status=reading&favorite=true"));
    }

    @ParameterizedTest(name = "search {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "BERSERK      | Berserk",
            "erser        | Berserk",
            "ÉCLAIR       | Éclair",
            "éclair       | Éclair",
            "100%         | 100% Orange",
            "%            | 100% Orange",
            "0%           | 100% Orange",
            "snake_case   | snake_case",
            "_            | snake_case",
            "hell's       | Hell's Paradise",
            "'            | Hell's Paradise",
            "`\"best\"`   | The \"Best\" Manga",
            "`\"`         | The \"Best\" Manga",
            "`\\`         | C:\\Manga",
    })
    void searchMatchesTitlesLiterallyIgnoringCase(String text, String title) {
        assertEquals(List.of(title), titles(search(text)));
    }

    @Test
    void searchesThatOnlyWildcardsOrQuotesWouldMatchFindNothing() {
        assertEquals(List.of(), titles(search("%%")));
        assertEquals(List.of(), titles(search("snake_case_")));
        assertEquals(List.of(), titles(search("' OR '1'='1")));
        assertEquals(List.of(), titles(search("\" OR \"\"=\"")));
        assertEquals(List.of("1000 Orange", "100% Orange"), titles(search("ORANGE")));
        assertEquals(12, list("").getInt("total"), "nothing was harmed");
    }

    /** Most recently updated first: the favorites (the last one toggled first), then the rest newest first. */
    private static List<String> byUpdate() {
        List<String> byUpdate = new ArrayList<>(ADDED.reversed());
        byUpdate.removeAll(FAVORITES);
        byUpdate.addAll(0, FAVORITES.reversed());
        return byUpdate;
    }

    static Stream<Arguments> sortOrders() {
        List<String> byTitle = List.of("100% Orange", "1000 Orange", "akira", "Berserk", "C:\\Manga", "Claymore",
                "Dorohedoro", "Hell's Paradise", "snake_case", "snakeXcase", "The \"Best\" Manga", "Éclair");
        List<String> byUpdate = byUpdate();
        return Stream.of(
                Arguments.of("?sort=title", byTitle),
                Arguments.of("?sort=title&direction=asc", byTitle),
                Arguments.of("?sort=title&direction=desc", byTitle.reversed()),
                Arguments.of("?sort=dateAdded", ADDED.reversed()),
                Arguments.of("?sort=dateAdded&direction=asc", ADDED),
                Arguments.of("?direction=asc", byUpdate.reversed()),
                Arguments.of("?sort=lastUpdated&direction=desc", byUpdate),
                Arguments.of("?sort=lastUpdated", byUpdate),
                Arguments.of("?sort=lastUpdated&direction=asc", byUpdate.reversed()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sortOrders")
    void sortsAsAsked(String query, List<String> expected) {
        assertEquals(expected, titles(query));
    }

    @Test
    void pagesTogetherMakeTheWholeList() {
        List<String> pages = new ArrayList<>();
        for (int offset = 0; offset < 12; offset += 5) {
            JsonObject page = list("?sort=title&limit=5&offset=" + offset);
            assertEquals(12, page.getInt("total"));
            assertEquals(5, page.getInt("limit"));
            assertEquals(offset, page.getInt("offset"));
            pages.addAll(LibraryApi.titles(page));
        }
        assertEquals(titles("?sort=title"), pages);

        JsonObject rest = list("?sort=title&offset=9");
        assertEquals(titles("?sort=title").subList(9, 12), LibraryApi.titles(rest), "an offset alone skips, then lists the rest");
        assertFalse(rest.containsKey("limit"));

        JsonObject beyond = list("?offset=40");
        assertEquals(List.of(), LibraryApi.titles(beyond));
        assertEquals(12, beyond.getInt("total"));
        JsonObject none = list("?limit=0");
        assertEquals(List.of(), LibraryApi.titles(none));
        assertEquals(12, none.getInt("total"));
        assertEquals(List.of("akira"), titles("?favorite=true&limit=1&offset=1"));
    }

    @Test
    void aLimitAboveTheMaximumIsServedAsTheMaximum() {
        JsonObject page = list("?limit=100000");
        assertEquals(500, page.getInt("limit"));
        assertEquals(12, page.getJsonArray("items").size());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "limit, ?limit=-1",
            "limit, ?limit=ten",
            "limit, ?limit=1.5",
            "limit, ?limit=99999999999999999999",
            "offset, ?offset=-3",
            "offset, ?offset=x",
            "offset, ?offset=99999999999",
            "sort, ?sort=name",
            "sort, ?sort=TITLE",
            "direction, ?direction=up",
            "status, ?status=finished",
            "favorite, ?favorite=yes",
            "favorite, ?favorite=1",
    })
    void refusesBadParameters(String field, String query) {
        assertFieldError(field, api.rest.get("/api/library" + query));
    }

    @Test
    void refusesOverlongSearches() {
        assertFieldError("search", api.rest.get("/api/library" + search("x".repeat(201))));
        assertEquals(List.of(), titles(search("x".repeat(200))));
    }

    @Test
    void statsCountEveryStatus() {
        assertEquals(Json.createObjectBuilder()
                .add("total", 12)
                .add("reading", 8)
                .add("completed", 1)
                .add("planToRead", 1)
                .add("dropped", 1)
                .add("onHold", 1)
                .build(), api.stats());
    }
}
