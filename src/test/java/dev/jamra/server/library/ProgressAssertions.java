package dev.jamra.server.library;

import jakarta.json.JsonObject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What tests of reading, here and in the reader, check of a {@code library:progress:updated} event. */
public final class ProgressAssertions {
    private ProgressAssertions() {
    }

    /** Asserts that {@code data} puts the reader of an item at a page of a chapter not yet completed. */
    public static void assertReadingAt(JsonObject data, String libraryId, String chapterId, String chapterNumber,
                                       int pageNumber, int totalPages) {
        assertEquals(libraryId, data.getString("libraryId"));
        assertEquals(chapterId, data.getString("chapterId"));
        assertEquals(chapterNumber, data.getString("chapterNumber"));
        assertEquals(pageNumber, data.getInt("pageNumber"));
        assertEquals(totalPages, data.getInt("totalPages"));
        assertFalse(data.getBoolean("completed"));
    }
}
