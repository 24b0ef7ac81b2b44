package dev.jamra.server.sources;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The bytes of a page a source serves itself, with their media type ({@code image/png}...). Close it.
 */
public record PageContent(InputStream stream, String contentType) implements AutoCloseable {

    public PageContent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(contentType, "contentType");
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
