package dev.jamra.server.sources;

import java.util.Locale;
import java.util.Objects;

/**
 * A page of a chapter.
 *
 * @param index    its position, from 0
 * @param imageUrl an {@code http(s)} URL to fetch it from, or a locator only its source understands (then the
 *                 source {@link MangaSource#openPage opens} it)
 */
public record Page(int index, String imageUrl) {

    public Page {
        Objects.requireNonNull(imageUrl, "imageUrl");
        if (index < 0) {
            throw new IllegalArgumentException("A page index starts at 0, was " + index);
        }
    }

    /** Whether the page is fetched from its URL rather than opened through its source. */
    public boolean remote() {
        String url = imageUrl.toLowerCase(Locale.ROOT);
        return url.startsWith("http://") || url.startsWith("https://");
    }
}
