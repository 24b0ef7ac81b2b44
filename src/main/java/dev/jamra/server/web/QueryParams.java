package dev.jamra.server.web;

import java.util.Optional;

import dev.jamra.server.errors.ServiceException;

import io.helidon.common.parameters.Parameters;

/** Query parameters as every handler reads them: an empty or blank one ({@code ?status=}) counts as not given. */
public final class QueryParams {
    private QueryParams() {
    }

    /** The first value of {@code name}, stripped of surrounding blanks; empty when absent or blank. */
    public static Optional<String> optional(Parameters query, String name) {
        return query.first(name).map(String::strip).filter(value -> !value.isEmpty());
    }

    /**
     * A whole number, 0 or more; a 400 naming {@code name} for anything else. More than 18 digits is refused rather
     * than overflowing.
     */
    public static Optional<Long> whole(Parameters query, String name) {
        return optional(query, name).map(value -> {
            if (!value.matches("[0-9]{1,18}")) {
                throw ServiceException.Invalid.field(name, name + " must be a whole number, 0 or more");
            }
            return Long.parseLong(value);
        });
    }

    /** {@code offset}: items of a listing to skip, 0 when not given, at most {@link Integer#MAX_VALUE}. */
    public static int offset(Parameters query) {
        long offset = whole(query, "offset").orElse(0L);
        if (offset > Integer.MAX_VALUE) {
            throw ServiceException.Invalid.field("offset", "offset is too large");
        }
        return (int) offset;
    }
}
