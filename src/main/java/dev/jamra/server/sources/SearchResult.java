package dev.jamra.server.sources;

import java.util.Objects;

/**
 * One manga found by a search.
 *
 * @param coverUrl    optional, {@code null} when unknown
 * @param status      optional publication status, {@code null} when unknown
 * @param lang        optional language (a BCP 47 tag such as {@code en}) the manga can be read in here, {@code null}
 *                    when unknown
 * @param description optional, {@code null} when unknown
 */
public record SearchResult(String id, String title, String coverUrl, String status, String lang, String description) {

    public SearchResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }

    /** A result without a description. */
    public SearchResult(String id, String title, String coverUrl, String status, String lang) {
        this(id, title, coverUrl, status, lang, null);
    }

    public static SearchResult of(String id, String title) {
        return new SearchResult(id, title, null, null, null);
    }
}
