package dev.jamra.server.library;

import java.util.Arrays;
import java.util.Optional;

/** Ascending or descending, as {@code asc}/{@code desc} on the wire. */
enum SortDirection {
    ASC("asc"),
    DESC("desc");

    private final String wireName;

    SortDirection(String wireName) {
        this.wireName = wireName;
    }

    static Optional<SortDirection> fromWire(String name) {
        return Arrays.stream(values()).filter(direction -> direction.wireName.equals(name)).findFirst();
    }
}
