package dev.jamra.server.sources.mangadex;

import java.time.Clock;
import java.util.Map;

import dev.jamra.server.sources.OutboundGuard;
import dev.jamra.server.sources.SourceInfo;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How MangaDex presents itself in {@code /api/extensions} and the catalog: by the languages it lists. */
class MangaDexInfoTest {

    @Test
    void oneConfiguredLanguageIsItsLanguageAndSeveralAreMulti() throws InterruptedException {
        assertEquals("en", info("en").language());
        assertEquals("Manga of mangadex.org, through its public API, in en", info("en").description());
        assertEquals("multi", info("ja,en").language());
        assertEquals("Manga of mangadex.org, through its public API, in ja, en", info("ja,en").description());
        assertEquals("mangadex", info("en").id());
    }

    private static SourceInfo info(String languages) throws InterruptedException {
        MangaDexSettings settings = MangaDexSettings.from(TestConfig.builtIn(
                Map.of("sources.mangadex.languages", languages)).get("sources.mangadex"));
        MangaDexSource source = new MangaDexSource(settings,
                new MangaDexApi(settings, OutboundGuard.create(true), RateLimiter.Ticker.SYSTEM, Clock.systemUTC()), Clock.systemUTC());
        try {
            return source.info();
        } finally {
            source.close();
        }
    }
}
