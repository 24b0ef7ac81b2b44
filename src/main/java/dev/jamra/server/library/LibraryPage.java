package dev.jamra.server.library;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One page of a library listing and the number of items matching its filters; {@code limit} as asked.
 * {@code newChapters} holds the count of new chapters of those items that have any.
 */
record LibraryPage(List<LibraryItem> items, int total, OptionalInt limit, int offset,
                   Map<String, Integer> newChapters) {

    LibraryPage {
        items = List.copyOf(items);
        newChapters = Map.copyOf(newChapters);
    }

    /** The new chapters of {@code item}, 0 when it has none. */
    int newChaptersOf(LibraryItem item) {
        return newChapters.getOrDefault(item.id(), 0);
    }
}
