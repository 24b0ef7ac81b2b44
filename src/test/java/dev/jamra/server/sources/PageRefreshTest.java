package dev.jamra.server.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.StubSource;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A page whose address was refused (403, 404) gets a new one from its source, once; other failures do not. */
class PageRefreshTest {
    private static final Path DIR = TestConfig.newDataDir();
    private static PageServer site;
    private static PageFetcher fetcher;

    @BeforeAll
    static void start() {
        site = PageServer.start();
        site.addManga("m", "M");
        site.addChapter("m", "c", "1", List.of(
                PageFixture.of("forbidden.png").failing(Integer.MAX_VALUE, 403),
                PageFixture.of("gone.png").failing(Integer.MAX_VALUE, 404),
                PageFixture.of("broken.png").failing(Integer.MAX_VALUE, 500),
                PageFixture.of("fresh.png")));
        // the test site is on loopback
        fetcher = new PageFetcher(new PageFetcher.Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 20,
                true));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        fetcher.close();
        site.close();
    }

    /** A source whose page addresses expire: each refresh answers what {@code fresh} gives, and is counted. */
    private static final class ExpiringSource extends StubSource {
        final AtomicInteger refreshes = new AtomicInteger();
        final Supplier<Optional<Page>> fresh;

        ExpiringSource(Supplier<Optional<Page>> fresh) {
            super("expiring");
            this.fresh = fresh;
        }

        @Override
        public Optional<Page> refreshPage(String mangaId, String chapterId, Page page) {
            refreshes.incrementAndGet();
            return fresh.get();
        }
    }

    private static Page page(String name) {
        return new Page(0, site.pageUrl("m", "c", name));
    }

    private static PageFetcher.Fetched fetch(MangaSource source, String name) throws Exception {
        return fetcher.fetch(source, "m", "c", page(name), DIR.resolve("page.part"));
    }

    @Test
    void aRefusedPageIsFetchedAgainFromItsNewAddress() throws Exception {
        for (String refused : List.of("forbidden.png", "gone.png")) {
            ExpiringSource source = new ExpiringSource(() -> Optional.of(page("fresh.png")));
            PageFetcher.Fetched fetched = fetch(source, refused);
            assertEquals("png", fetched.extension());
            assertArrayEquals(PageServer.bytesFor("fresh.png"), Files.readAllBytes(DIR.resolve("page.part")));
            assertEquals(1, source.refreshes.get(), refused);
        }
    }

    @Test
    void aNewAddressIsAskedForOnceOnly() {
        ExpiringSource source = new ExpiringSource(() -> Optional.of(page("gone.png")));
        PageFetchException e = assertThrows(PageFetchException.class, () -> fetch(source, "forbidden.png"));
        assertEquals(404, e.status(), "the new address's answer");
        assertFalse(e.retryable());
        assertEquals(1, source.refreshes.get());
    }

    @Test
    void otherFailuresAndSourcesWithoutNewAddressesKeepTheirError() throws IOException {
        ExpiringSource source = new ExpiringSource(() -> Optional.of(page("fresh.png")));
        PageFetchException broken = assertThrows(PageFetchException.class, () -> fetch(source, "broken.png"));
        assertEquals(500, broken.status());
        assertTrue(broken.retryable());
        assertEquals(0, source.refreshes.get(), "a server error is no expired address");

        ExpiringSource none = new ExpiringSource(Optional::empty);
        assertEquals(403, assertThrows(PageFetchException.class, () -> fetch(none, "forbidden.png")).status());
        ExpiringSource same = new ExpiringSource(() -> Optional.of(page("forbidden.png")));
        assertEquals(403, assertThrows(PageFetchException.class, () -> fetch(same, "forbidden.png")).status());
        assertEquals(1, same.refreshes.get());
        int before = site.requests("m", "c", "forbidden.png");
        assertThrows(PageFetchException.class, () -> fetch(same, "forbidden.png"));
        assertEquals(before + 1, site.requests("m", "c", "forbidden.png"), "the same address is not fetched twice");
    }

    @Test
    void aSourceFailingToRefreshIsARetryableFailure() {
        ExpiringSource failing = new ExpiringSource(() -> {
            throw new SourceException("MangaDex answered HTTP 503");
        });
        PageFetchException e = assertThrows(PageFetchException.class, () -> fetch(failing, "forbidden.png"));
        assertTrue(e.retryable());
        assertEquals("MangaDex answered HTTP 503", e.getMessage());
        ExpiringSource unknown = new ExpiringSource(() -> {
            throw new SourceNotFoundException("No such chapter");
        });
        assertFalse(assertThrows(PageFetchException.class, () -> fetch(unknown, "forbidden.png")).retryable());
    }
}
