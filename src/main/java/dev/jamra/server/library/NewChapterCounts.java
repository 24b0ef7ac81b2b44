package dev.jamra.server.library;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

/**
 * How many chapters of each library item the library update checks found that nobody has opened since; the
 * {@code updates} feature keeps them, the library shows them as its items' {@code newChapters}. Read on the
 * connection of the listing it completes, so both see the same moment.
 */
@FunctionalInterface
public interface NewChapterCounts {

    /** Counts of those of {@code libraryIds} that have new chapters; an item missing from the answer has none. */
    Map<String, Integer> of(Connection c, Collection<String> libraryIds) throws SQLException;
}
