package dev.jamra.server.library;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A page of the library: the filters (each empty when not asked for), the order and the window. {@code search}
 * matches titles case-insensitively and literally. Without a {@code limit} the window holds every matching item
 * from {@code offset} on: the reader's library screen asks for the whole list at once.
 */
record LibraryQuery(Optional<LibraryStatus> status, Optional<Boolean> favorite, Optional<String> search,
                    LibrarySort sort, SortDirection direction, OptionalInt limit, int offset) {

    static final int MAX_LIMIT = 500;

    LibraryQuery {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(favorite, "favorite");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(limit, "limit");
        if (limit.orElse(0) < 0 || limit.orElse(0) > MAX_LIMIT || offset < 0) {
            throw new IllegalArgumentException("limit must be 0.." + MAX_LIMIT + " and offset >= 0");
        }
    }
}
