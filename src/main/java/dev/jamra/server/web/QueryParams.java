package dev.jamra.server.web;

import java.util.Optional;

import io.helidon.common.parameters.Parameters;

/** Query parameters as every handler reads them: an empty or blank one ({@code ?status=}) counts as not given. */
public final class QueryParams {
    private QueryParams() {
    }

    /** The first value of {@code name}, stripped of surrounding blanks; empty when absent or blank. */
    public static Optional<String> optional(Parameters query, String name) {
        return query.first(name).map(String::strip).filter(value -> !value.isEmpty());
    }
}
