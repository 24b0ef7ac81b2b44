package dev.jamra.server.library;

import java.util.Objects;
import java.util.Optional;

/**
 * A page of the library: the filters (each empty when not asked for), the order and the window. {@code search}
 * matches titles case-insensitively and literally.
 */
record LibraryQuery(Optional<LibraryStatus> status, Optional<Boolean> favorite, Optional<String> search,
                    LibrarySort sort, SortDirection direction, int limit, int offset) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    LibraryQuery {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(favorite, "favorite");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(direction, "direction");
        if (limit < 0 || limit > MAX_LIMIT || offset < 0) {
            throw new IllegalArgumentException("limit must be 0.." + MAX_LIMIT + " and offset >= 0");
        }
    }
}
