package dev.jamra.server.library;

import java.sql.Connection;
import java.util.Map;

/** New chapter counts as a test sets them, in a map it may change meanwhile; an item not in it has none. */
record MapNewChapters(Map<String, Integer> counts) implements NewChapterCounts {

    static MapNewChapters none() {
        return new MapNewChapters(Map.of());
    }

    @Override
    public int newChapterCount(Connection c, String libraryId) {
        return counts.getOrDefault(libraryId, 0);
    }

    @Override
    public Map<String, Integer> newChapterCounts(Connection c) {
        return Map.copyOf(counts);
    }
}
