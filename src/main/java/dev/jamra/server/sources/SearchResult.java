package dev.jamra.server.sources;

import java.util.Objects;

/**
 * One manga found by a search.
 *
 * @param coverUrl optional, {@code null} when unknown
 * @param status   optional publication status, {@code null} when unknown
 * @param lang     optional language code, {@code null} when unknown
 */
public record SearchResult(String id, String title, String coverUrl, String status, String lang) {

    public SearchResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }

    public static SearchResult of(String id, String title) {
        return new SearchResult(id, title, null, null, null);
    }
}
