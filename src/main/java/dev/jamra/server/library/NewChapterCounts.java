package dev.jamra.server.library;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * How many chapters of each library item the library update checks found that nobody has opened since; the
 * {@code updates} feature keeps them, the library shows them as its items' {@code newChapters}. Read on the
 * connection of the answer they complete, so both see the same moment.
 */
public interface NewChapterCounts {

    /** The count of one item; 0 when it has none. */
    int newChapterCount(Connection c, String libraryId) throws SQLException;

    /**
     * The counts of every item that has any; an item missing from the answer has none. They are few (only chapters
     * not opened yet count), so a listing reads them once and then looks its items up as it goes.
     */
    Map<String, Integer> newChapterCounts(Connection c) throws SQLException;
}
