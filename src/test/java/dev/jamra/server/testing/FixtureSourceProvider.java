package dev.jamra.server.testing;

import java.util.Optional;

import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.MangaSourceProvider;
import dev.jamra.server.sources.SourceContext;

/** Creates the {@link FixtureSource} of a test that sets {@code sources.fixture.url}; absent otherwise. */
public final class FixtureSourceProvider implements MangaSourceProvider {

    @Override
    public String id() {
        return FixtureSource.ID;
    }

    @Override
    public Optional<MangaSource> create(SourceContext context) {
        return context.config().get("url").asString().asOptional().map(FixtureSource::new);
    }
}
