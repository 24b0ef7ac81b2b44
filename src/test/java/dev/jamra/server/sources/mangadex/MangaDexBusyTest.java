package dev.jamra.server.sources.mangadex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burst of searches past what the rate limit serves within {@code max-queue-wait} is answered at once with 503
 * and {@code Retry-After}, instead of queuing minutes of waits in front of everything else.
 */
class MangaDexBusyTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create().readingMangaDex()
            .configured(Map.of(
                "sources.mangadex.requests-per-second", "1",
                "sources.mangadex.max-queue-wait", "PT1S"))
            .preparedBy(MangaDexBusyTest::prepare);

    private static final int BURST = 8;

    private final RestClient http = SERVER.http();

    private static void prepare() {
        SERVER.mangaDex().addManga(MangaDexSourceTest.id("busy"), "Busy");
    }

    @Test
    void searchesThatWouldWaitTooLongGet503WithRetryAfter() throws Exception {
        int before = SERVER.mangaDex().requests("/manga").size();
        List<Future<RestClient.Response>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < BURST; i++) {
                answers.add(clients.submit(() -> http.get("/api/extensions/mangadex/search?query=busy")));
            }
        }
        int served = 0;
        int refused = 0;
        for (Future<RestClient.Response> answer : answers) {
            RestClient.Response response = answer.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (response.status() == 200) {
                served++;
                continue;
            }
            assertEquals(503, response.status(), response::toString);
            refused++;
            assertThat(response.message(), containsString("Too many requests to MangaDex are waiting"));
            long retryAfter = Long.parseLong(response.header("Retry-After").orElseThrow());
            assertThat(retryAfter, greaterThanOrEqualTo(1L));
            assertThat(retryAfter, lessThanOrEqualTo((long) BURST));
        }
        // one a second, each waiting at most a second: two, or a few more if the burst was spread out
        assertTrue(refused > 0, "some searches were refused at once");
        assertThat(served, lessThanOrEqualTo(BURST - 3));
        assertEquals(served, SERVER.mangaDex().requests("/manga").size() - before, "a refused search sends nothing");
    }
}
