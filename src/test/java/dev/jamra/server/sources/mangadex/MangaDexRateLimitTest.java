package dev.jamra.server.sources.mangadex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.FakeMangaDex;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A burst of searches reaches MangaDex no faster than the configured rate, as the fake MangaDex counts them. */
class MangaDexRateLimitTest {
    private static final int RATE = 20;
    private static final int BURST = 50;
    /** How much later than sent a request may be seen (thread wake-up on a busy machine). */
    private static final long JITTER_MILLIS = 250;

    @RegisterExtension
    static final TestServer SERVER = TestServer.create().readingMangaDex()
            .configured(Map.of(
                "sources.mangadex.requests-per-second", String.valueOf(RATE)))
            .preparedBy(MangaDexRateLimitTest::prepare);

    private final RestClient http = SERVER.http();

    private static void prepare() {
        SERVER.mangaDex().addManga(MangaDexSourceTest.id("burst"), "Burst");
    }

    @Test
    void aBurstOfSearchesKeepsWithinTheRate() throws Exception {
        // A first burst opens the connections, so the measured one times the limiter, not connection set-up.
        searchAtOnce(RATE);
        int before = SERVER.mangaDex().requests("/manga").size();
        searchAtOnce(BURST);
        List<Long> arrivals = SERVER.mangaDex().requests("/manga").stream().skip(before)
                .map(FakeMangaDex.Request::arrivedNanos).sorted().toList();
        assertEquals(BURST, arrivals.size());
        // any RATE + 1 requests in a row span at least a second: no second holds more than RATE of them
        for (int i = 0; i + RATE < arrivals.size(); i++) {
            long span = TimeUnit.NANOSECONDS.toMillis(arrivals.get(i + RATE) - arrivals.get(i));
            assertThat("requests " + i + " to " + (i + RATE), span, greaterThanOrEqualTo(1000 - JITTER_MILLIS));
        }
        long whole = TimeUnit.NANOSECONDS.toMillis(arrivals.getLast() - arrivals.getFirst());
        assertThat(whole, greaterThanOrEqualTo((BURST - 1) / RATE * 1000 - JITTER_MILLIS));
    }

    private void searchAtOnce(int count) throws Exception {
        List<Future<RestClient.Response>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                answers.add(clients.submit(() -> http.get("/api/extensions/mangadex/search?query=burst")));
            }
            for (Future<RestClient.Response> answer : answers) {
                RestClient.Response response = answer.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertEquals(200, response.status(), response::body);
            }
        }
    }
}
