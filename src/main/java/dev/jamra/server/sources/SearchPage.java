package dev.jamra.server.sources;

import java.util.List;

/**
 * One page of search results; {@code hasMore} when a next page exists.
 *
 * @param total how many manga match in all, {@code null} when the source does not say
 */
public record SearchPage(List<SearchResult> results, boolean hasMore, Integer total) {

    public SearchPage {
        results = List.copyOf(results);
        if (total != null && total < results.size()) {
            throw new IllegalArgumentException("A total of " + total + " below the " + results.size() + " results");
        }
    }

    /** A page whose source does not say how many manga match in all. */
    public SearchPage(List<SearchResult> results, boolean hasMore) {
        this(results, hasMore, null);
    }
}
