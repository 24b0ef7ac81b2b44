package dev.jamra.server.sources.mangadex;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.jamra.server.sources.OutboundGuard;
import dev.jamra.server.sources.SourceCalls;
import dev.jamra.server.sources.SourceException;
import dev.jamra.server.sources.SourceNotFoundException;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.DrippingServer;
import dev.jamra.server.testing.FakeMangaDex;
import dev.jamra.server.testing.TestConfig;

import com.sun.net.httpserver.HttpServer;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
        return new MangaDexApi(settings, OutboundGuard.create(true), RateLimiter.Ticker.SYSTEM, Clock.systemUTC());
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
    void anAnswerThatDripsIsCutAtTheDeadlineHeadersAndBodyAlike() {
        try (DrippingServer server = DrippingServer.start("application/json", Duration.ofSeconds(1))) {
            MangaDexSettings settings = MangaDexSettings.from(TestConfig.builtIn(Map.of(
                    "sources.mangadex.api-url", server.url(""), "sources.mangadex.timeout", "PT1S"))
                    .get("sources.mangadex"));
            MangaDexApi api = new MangaDexApi(settings, OutboundGuard.create(true), RateLimiter.Ticker.SYSTEM,
                    Clock.systemUTC());
            SourceException timedOut = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> assertThrows(SourceException.class, () -> search(api)));
            assertEquals("MangaDex did not answer within 1 s", timedOut.getMessage());
            assertEquals(1, server.requests(), "the headers came at once; the body never finished");
            api.close();
        }
    }

    @Test
    void everyRedirectGoesThroughTheGuardToo() throws Exception {
        // a redirector on 127.0.0.2 that sends every request on to the fake MangaDex on 127.0.0.1
        InetAddress redirectorAddress = InetAddress.getByName("127.0.0.2");
        HttpServer redirector = HttpServer.create(new InetSocketAddress(redirectorAddress, 0), 0);
        redirector.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", MANGA_DEX.apiUrl() + exchange.getRequestURI());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirector.start();
        try {
            MangaDexSettings settings = MangaDexSettings.from(TestConfig.builtIn(Map.of("sources.mangadex.api-url",
                    "http://127.0.0.2:" + redirector.getAddress().getPort())).get("sources.mangadex"));
            int before = MANGA_DEX.requests("/manga").size();
            MangaDexApi allowed = new MangaDexApi(settings, OutboundGuard.create(true), RateLimiter.Ticker.SYSTEM,
                    Clock.systemUTC());
            assertTrue(search(allowed).containsKey("data"), "followed to the fake");
            assertEquals(before + 1, MANGA_DEX.requests("/manga").size());
            allowed.close();

            // a guard that lets the first host through (as the real MangaDex is public), not the redirect's
            MangaDexApi guarded = new MangaDexApi(settings, OutboundGuard.allowing(redirectorAddress::equals),
                    RateLimiter.Ticker.SYSTEM, Clock.systemUTC());
            SourceException refused = assertThrows(SourceException.class, () -> search(guarded));
            assertThat(refused.getMessage(), containsString("not on the public internet"));
            assertEquals(before + 1, MANGA_DEX.requests("/manga").size(), "the redirect reached nothing");
            guarded.close();
        } finally {
            redirector.stop(0);
        }
    }

    @Test
    void aDownloadsRequestGoesBeforeSearchesQueuedAheadOfIt() throws Exception {
        MangaDexSettings settings = MangaDexSettings.from(TestConfig.builtIn(MANGA_DEX.settings(Map.of(
                "sources.mangadex.requests-per-second", "4", "sources.mangadex.max-queue-wait", "PT30S")))
                .get("sources.mangadex"));
        MangaDexApi api = new MangaDexApi(settings, OutboundGuard.create(true), RateLimiter.Ticker.SYSTEM,
                Clock.systemUTC());
        int searchesBefore = MANGA_DEX.requests("/manga").size();
        List<Thread> searches = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // persons' requests: three a second may go, so these queue for some four seconds
            searches.add(Thread.ofVirtual().start(() -> search(api)));
        }
        Await.until(() -> MANGA_DEX.requests("/manga").size() > searchesBefore, "the searches are under way");
        Thread download = Thread.ofVirtual().start(() -> {
            SourceCalls.markBackground();
            try {
                api.get(MangaDexApi.Route.GENERAL, "/chapter/" + MangaDexSourceTest.id("queued"), List.of(), "none");
            } catch (SourceNotFoundException expected) {
                // the fake has no such chapter: what counts is when the request went out
            }
        });
        assertTrue(download.join(Duration.ofSeconds(30)));
        int searchesFirst = MANGA_DEX.requests("/manga").size() - searchesBefore;
        assertThat("searches sent before the download's request", searchesFirst, lessThanOrEqualTo(6));
        for (Thread search : searches) {
            assertTrue(search.join(Duration.ofSeconds(30)));
        }
        assertEquals(12, MANGA_DEX.requests("/manga").size() - searchesBefore, "every search is served in turn");
        api.close();
    }

    @Test
    void closesWithoutEverHavingSentARequest() throws Exception {
        MangaDexApi api = api();
        api.close();
        assertThrows(SourceException.class, () -> search(api));
    }
}
