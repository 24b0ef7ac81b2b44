package dev.jamra.server.sources.mangadex;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;

import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.MangaSourceProvider;
import dev.jamra.server.sources.SourceContext;

/**
 * The built-in {@code mangadex} source, on unless {@code sources.mangadex.enabled} is false. Creating it sends no
 * request: MangaDex is first asked when someone searches or reads.
 */
public final class MangaDexSourceProvider implements MangaSourceProvider {
    private static final System.Logger LOG = System.getLogger(MangaDexSourceProvider.class.getName());

    @Override
    public String id() {
        return MangaDexSource.ID;
    }

    @Override
    public Optional<MangaSource> create(SourceContext context) {
        if (!context.config().get("enabled").asBoolean().get()) {
            LOG.log(Level.INFO, "MangaDex source disabled");
            return Optional.empty();
        }
        MangaDexSettings settings = MangaDexSettings.from(context.config());
        LOG.log(Level.INFO, () -> "MangaDex source: " + settings.apiUrl() + ", languages " + settings.languages()
                                  + ", content ratings " + settings.contentRatings());
        Clock clock = Clock.systemUTC();
        return Optional.of(new MangaDexSource(settings, new MangaDexApi(settings, context.outbound(),
                RateLimiter.Ticker.SYSTEM, clock), clock));
    }
}
