package dev.jamra.server.library;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.TestServer;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.jamra.server.library.LibraryApi.titles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The library as the reader's screens ask for it: the library screen with no parameters (every item), Home with
 * {@code limit=8&sort=lastUpdated&direction=desc}, History with {@code limit=20}.
 */
class LibraryWholeListTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.direct();

    private static final int ITEMS = 60;
    /** Items (by the order they were added) changed after every add, in this order. */
    private static final List<Integer> TOUCHED = List.of(3, 0, 41, 17, 58);
    /** Titles, most recently updated first. */
    private static final List<String> BY_UPDATE = new ArrayList<>();

    private final LibraryApi api = new LibraryApi(SERVER.http());

    @BeforeAll
    static void seed() {
        LibraryApi api = new LibraryApi(SERVER.http());
        List<JsonObject> added = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            added.add(api.add(String.format("Manga %02d", i), "reading"));
        }
        String latest = added.getLast().getString("lastUpdated");
        for (int index : TOUCHED) {
            // each change at a later millisecond than everything before it, so the order is certain
            Await.clockPasses(Instant.parse(latest));
            latest = api.toggleFavorite(added.get(index).getString("id")).getString("lastUpdated");
        }
        TOUCHED.reversed().forEach(index -> BY_UPDATE.add(String.format("Manga %02d", index)));
        for (int i = ITEMS - 1; i >= 0; i--) {
            if (!TOUCHED.contains(i)) {
                BY_UPDATE.add(String.format("Manga %02d", i));
            }
        }
    }

    private JsonObject list(String query) {
        return api.list(query);
    }

    @Test
    void withoutParametersEveryItemComesMostRecentlyUpdatedFirst() {
        JsonObject page = list("");
        assertEquals(ITEMS, page.getJsonArray("items").size());
        assertEquals(BY_UPDATE, titles(page));
        assertEquals(ITEMS, page.getInt("total"));
        assertFalse(page.containsKey("limit"));
    }

    @Test
    void homeGetsTheEightMostRecentlyUpdated() {
        JsonObject page = list("?limit=8&sort=lastUpdated&direction=desc");
        assertEquals(BY_UPDATE.subList(0, 8), titles(page));
        assertEquals(8, page.getInt("limit"));
        assertEquals(ITEMS, page.getInt("total"));
    }

    @Test
    void historyGetsTwentyAndTheRestPagesOn() {
        assertEquals(BY_UPDATE.subList(0, 20), titles(list("?sort=lastUpdated&direction=desc&limit=20")));
        assertEquals(BY_UPDATE.subList(20, 40), titles(list("?limit=20&offset=20")));
        assertEquals(BY_UPDATE.subList(50, 60), titles(list("?offset=50")));
    }
}
