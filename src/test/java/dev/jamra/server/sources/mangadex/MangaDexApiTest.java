package dev.jamra.server.sources.mangadex;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.jamra.server.sources.SourceException;
import dev.jamra.server.testing.FakeMangaDex;
import dev.jamra.server.testing.TestConfig;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API client's life: its HTTP client is made at the first request, and a closed client makes none. */
class MangaDexApiTest {
    private static final FakeMangaDex MANGA_DEX = FakeMangaDex.start();

    @AfterAll
    static void stopFake() {
        MANGA_DEX.close();
    }

    private static MangaDexApi api() {
        MangaDexSettings settings = MangaDexSettings.from(
                TestConfig.builtIn(MANGA_DEX.settings(Map.of())).get("sources.mangadex"));
        return new MangaDexApi(settings, RateLimiter.Ticker.SYSTEM, Clock.systemUTC());
    }

    private static JsonObject search(MangaDexApi api) {
        return api.get(MangaDexApi.Route.GENERAL, "/manga", List.of(Map.entry("title", "life")), "no search");
    }

    @Test
    void answersTheFirstRequestAndTheNextOnesAndClosesAfterThem() throws Exception {
        MangaDexApi api = api();
        int before = MANGA_DEX.requests("/manga").size();
        assertTrue(search(api).containsKey("data"));
        assertTrue(search(api).containsKey("data"));
        assertEquals(before + 2, MANGA_DEX.requests("/manga").size());
        api.close();
        SourceException refused = assertThrows(SourceException.class, () -> search(api));
        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
        assertEquals(before + 2, MANGA_DEX.requests("/manga").size(), "a closed client sends nothing");
    }

    @Test
    void closesWithoutEverHavingSentARequest() throws Exception {
        MangaDexApi api = api();
        api.close();
        assertThrows(SourceException.class, () -> search(api));
    }
}
