package dev.jamra.server.opds;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paging arithmetic, feed URLs and the catalog's stable ids. */
class CatalogFeedTest {

    @Test
    void pagingKnowsItsNeighboursAndItsLastPage() {
        CatalogFeed.Paging first = new CatalogFeed.Paging(1, 50, 123);
        assertEquals(0, first.offset());
        assertEquals(3, first.lastPage());
        assertFalse(first.hasPrevious());
        assertTrue(first.hasNext());
        CatalogFeed.Paging last = new CatalogFeed.Paging(3, 50, 123);
        assertEquals(100, last.offset());
        assertTrue(last.hasPrevious());
        assertFalse(last.hasNext());
        assertEquals(2, new CatalogFeed.Paging(1, 50, 100).lastPage(), "exactly two pages");
        assertEquals(3, new CatalogFeed.Paging(1, 50, 101).lastPage());
        assertEquals(1, new CatalogFeed.Paging(1, 50, 0).lastPage(), "an empty list has one page");
        assertFalse(new CatalogFeed.Paging(1, 50, 50).hasNext());
        CatalogFeed.Paging past = new CatalogFeed.Paging(7, 50, 123);
        assertTrue(past.hasPrevious());
        assertFalse(past.hasNext());
    }

    @Test
    void feedUrlsCarryThePageAfterTheFirst() {
        assertEquals("http://h/opds", CatalogFeed.url("http://h/opds", "", 1));
        assertEquals("http://h/opds?page=2", CatalogFeed.url("http://h/opds", "", 2));
        assertEquals("http://h/opds/shelves/reading", CatalogFeed.url("http://h/opds", "shelves/reading", 1));
        assertEquals("http://h/opds/shelves/reading?page=3", CatalogFeed.url("http://h/opds", "shelves/reading", 3));
        assertEquals("http://h/opds/search?query=a&page=2", CatalogFeed.url("http://h/opds", "search?query=a", 2));
    }

    @Test
    void idsAreStableUuidsOfKindAndKey() {
        String id = CatalogFeed.idOf("title", "abc");
        assertTrue(id.matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
        assertEquals(id, CatalogFeed.idOf("title", "abc"));
        assertNotEquals(id, CatalogFeed.idOf("chapter", "abc"));
        assertNotEquals(id, CatalogFeed.idOf("title", "abd"));
    }

    @Test
    void shelvesAreFoundByTheirSlug() {
        for (Shelf shelf : Shelf.values()) {
            assertEquals(Optional.of(shelf), Shelf.fromSlug(shelf.slug()));
            assertFalse(shelf.title().isBlank());
            assertFalse(shelf.description().isBlank());
        }
        assertEquals(Optional.empty(), Shelf.fromSlug("Reading"));
        assertEquals(Optional.empty(), Shelf.fromSlug("unread"));
        assertEquals("shelves/plan-to-read", OpdsCatalog.shelfPath(Shelf.PLAN_TO_READ));
    }
}
