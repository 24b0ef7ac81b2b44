package dev.jamra.server.sources;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;

/**
 * A manga's cover that its source serves itself: what a client needs to cache it, and how to open its bytes.
 *
 * @param contentType  its media type ({@code image/png}...)
 * @param size         its length in bytes, or -1 when only reading it tells
 * @param lastModified when it last changed
 * @param version      opaque text that changes whenever the image may have changed (the HTTP entity tag is
 *                     made from it); it names no file
 * @param opener       opens the bytes; the caller closes the stream
 */
public record CoverImage(String contentType, long size, Instant lastModified, String version, Opener opener) {

    public CoverImage {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(opener, "opener");
        if (size < -1) {
            throw new IllegalArgumentException("A cover's size is -1 (unknown) or more, was " + size);
        }
    }

    /** Opens the image's bytes. */
    public InputStream open() throws IOException {
        return opener.open();
    }

    /** Opens a cover's bytes; a cover gone since it was found is a {@link SourceNotFoundException}. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
