package dev.jamra.server.library;

import java.util.Arrays;
import java.util.Optional;

/** The orders a library listing can take, each with the direction used when the client gives none. */
enum LibrarySort {
    DATE_ADDED("dateAdded", SortDirection.DESC),
    LAST_UPDATED("lastUpdated", SortDirection.DESC),
    TITLE("title", SortDirection.ASC);

    private final String wireName;
    private final SortDirection defaultDirection;

    LibrarySort(String wireName, SortDirection defaultDirection) {
        this.wireName = wireName;
        this.defaultDirection = defaultDirection;
    }

    SortDirection defaultDirection() {
        return defaultDirection;
    }

    static Optional<LibrarySort> fromWire(String name) {
        return Arrays.stream(values()).filter(sort -> sort.wireName.equals(name)).findFirst();
    }
}
