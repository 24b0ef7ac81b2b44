package dev.jamra.server.sources;

import java.util.Optional;

/**
 * Creates a {@link MangaSource}; listed in {@code META-INF/services/dev.jamra.server.sources.MangaSourceProvider}
 * so that {@link java.util.ServiceLoader} finds it.
 */
public interface MangaSourceProvider {

    /** The id of the source it creates; its settings are under {@code sources.<id>}. */
    String id();

    /** The source, or empty when it is not configured (a source that needs settings it was not given). */
    Optional<MangaSource> create(SourceContext context);
}
