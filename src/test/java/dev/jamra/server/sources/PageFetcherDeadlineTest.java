package dev.jamra.server.sources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.DrippingServer;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code downloads.read-timeout} is the time for a whole page, request to last byte: an image server that sends its
 * headers at once and then a byte a second is cut off at that deadline, not after the 100,000 seconds it would
 * drip; an interrupt (a cancel) ends the fetch at once too.
 */
class PageFetcherDeadlineTest {
    private static final PageFetcher.Settings ONE_SECOND = new PageFetcher.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(1), 1 << 20, true);

    @Test
    void aDrippingImageServerIsCutOffAtTheDeadline() throws Exception {
        Path target = Files.createTempFile(TestConfig.newDataDir(), "page", ".part");
        try (DrippingServer server = DrippingServer.start("image/png", Duration.ofSeconds(1));
             PageFetcher fetcher = new PageFetcher(ONE_SECOND)) {
            PageFetchException timedOut = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> assertThrows(PageFetchException.class,
                            () -> fetcher.fetch(null, "m", "c", new Page(0, server.url("/page.png")), target)));
            assertThat(timedOut.getMessage(), containsString("No complete answer within 1 s"));
            assertTrue(timedOut.retryable());
            assertEquals(1, server.requests());
        }
    }

    @Test
    void anInterruptEndsAFetchThatIsWaitingForBytes() throws Exception {
        Path target = Files.createTempFile(TestConfig.newDataDir(), "page", ".part");
        AtomicReference<Exception> outcome = new AtomicReference<>();
        try (DrippingServer server = DrippingServer.start("image/png", Duration.ofSeconds(1));
             PageFetcher fetcher = new PageFetcher(new PageFetcher.Settings(Duration.ofSeconds(2),
                     Duration.ofMinutes(5), 1 << 20, true))) {
            Thread fetching = Thread.ofVirtual().start(() -> {
                try {
                    fetcher.fetch(null, "m", "c", new Page(0, server.url("/page.png")), target);
                } catch (PageFetchException | InterruptedException e) {
                    outcome.set(e);
                }
            });
            Await.until(() -> server.requests() == 1, "the fetch waits for the page's bytes");
            fetching.interrupt();
            assertTrue(fetching.join(Duration.ofSeconds(10)), "the fetch ends at once, not in five minutes");
            assertInstanceOf(InterruptedException.class, outcome.get());
        }
    }
}
