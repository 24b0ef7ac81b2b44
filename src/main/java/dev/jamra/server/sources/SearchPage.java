package dev.jamra.server.sources;

import java.util.List;

/** One page of search results; {@code hasMore} when a next page exists. */
public record SearchPage(List<SearchResult> results, boolean hasMore) {

    public SearchPage {
        results = List.copyOf(results);
    }
}
