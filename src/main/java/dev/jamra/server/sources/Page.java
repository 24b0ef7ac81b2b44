package dev.jamra.server.sources;

import java.util.Locale;
import java.util.Objects;

/**
 * A page of a chapter.
 *
 * @param index    its position, from 0
 * @param imageUrl an {@code http(s)} URL to fetch it from, or a locator only its source understands (then the
 *                 source {@link MangaSource#openPage opens} it)
 * @param width    its width in pixels when the source knows it, else {@code null}
 * @param height   its height in pixels when the source knows it, else {@code null}
 */
public record Page(int index, String imageUrl, Integer width, Integer height) {

    public Page {
        Objects.requireNonNull(imageUrl, "imageUrl");
        if (index < 0) {
            throw new IllegalArgumentException("A page index starts at 0, was " + index);
        }
        if ((width == null) != (height == null) || (width != null && (width <= 0 || height <= 0))) {
            throw new IllegalArgumentException("A page has both a positive width and height, or neither");
        }
    }

    /** A page whose size is not known. */
    public Page(int index, String imageUrl) {
        this(index, imageUrl, null, null);
    }

    /** Whether the page is fetched from its URL rather than opened through its source. */
    public boolean remote() {
        return isRemote(imageUrl);
    }

    /** Whether {@code url} is on the web ({@code http(s)}) rather than a locator only its source understands. */
    public static boolean isRemote(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
