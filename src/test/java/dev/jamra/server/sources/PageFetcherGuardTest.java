package dev.jamra.server.sources;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.PageServer.PageFixture;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Server-side request forgery: every connection of a page fetch, the first included, reaches only addresses the
 * rule allows, and the address checked is the address connected to.
 */
class PageFetcherGuardTest {
    private static final PageFetcher.Settings PUBLIC_ONLY = new PageFetcher.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(5), 1 << 20, false);
    private static final InetAddress SITE = InetAddress.getLoopbackAddress();

    private PageServer site;
    private Path target;

    @BeforeEach
    void start() throws IOException {
        site = PageServer.start();
        site.addManga("m", "M");
        site.addChapter("m", "c", "1", List.of(PageFixture.of("1.png")));
        target = Files.createTempFile(TestConfig.newDataDir(), "page", ".part");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void theFirstUrlOnThisMachineIsRefusedByDefault() {
        try (PageFetcher fetcher = new PageFetcher(PUBLIC_ONLY)) {
            for (String url : List.of(site.pageUrl("m", "c", "1.png"),
                    site.pageUrl("m", "c", "1.png").replace("127.0.0.1", "localhost"))) {
                PageFetchException refused = assertThrows(PageFetchException.class, () -> fetch(fetcher, url));
                assertThat(refused.getMessage(), containsString("not on the public internet"));
                assertThat(refused.getMessage(), not(containsString("127.0.0.1")));
                assertFalse(refused.retryable());
            }
        }
        assertEquals(0, site.requests("m", "c", "1.png"), "no request reached the site");
    }

    @Test
    void privateNetworksCanBeAllowed() throws Exception {
        try (PageFetcher fetcher = new PageFetcher(new PageFetcher.Settings(Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1 << 20, true))) {
            fetch(fetcher, site.pageUrl("m", "c", "1.png"));
        }
        assertArrayEquals(PageServer.bytesFor("1.png"), Files.readAllBytes(target));
    }

    @Test
    void everyRedirectIsCheckedWhateverItsHost() {
        // the site's own address counts as public here; every other one is private
        Predicate<InetAddress> onlyTheSite = SITE::equals;
        try (PageFetcher fetcher = new PageFetcher(PUBLIC_ONLY,
                OutboundGuard.of(GuardedResolver.create(InetAddress::getAllByName, onlyTheSite)))) {
            String port = site.url().substring(site.url().lastIndexOf(':'));
            for (String hop : List.of("http://127.0.0.2" + port + "/pages/m/c/1.png", "http://[::1]" + port + "/",
                    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://100.64.0.1/",
                    "http://[fd00::1]/")) {
                PageFetchException refused = assertThrows(PageFetchException.class,
                        () -> fetch(fetcher, site.redirectUrl(hop)), hop);
                assertThat(hop, refused.getMessage(), containsString("not on the public internet"));
            }
        }
        assertEquals(0, site.requests("m", "c", "1.png"));
    }

    @Test
    void theAddressCheckedIsTheAddressConnectedTo() throws Exception {
        // a name that answers a public address once, then a private one: DNS rebinding
        AtomicInteger lookups = new AtomicInteger();
        GuardedResolver.Lookup rebinding = host -> {
            if (!host.equals("pages.example")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {lookups.getAndIncrement() == 0 ? SITE : InetAddress.getByName("127.0.0.2")};
        };
        try (PageFetcher fetcher = new PageFetcher(PUBLIC_ONLY,
                OutboundGuard.of(GuardedResolver.create(rebinding, SITE::equals)))) {
            fetch(fetcher, site.pageUrl("m", "c", "1.png").replace("127.0.0.1", "pages.example"));
        }
        assertEquals(1, lookups.get(), "one lookup, the one checked");
        assertArrayEquals(PageServer.bytesFor("1.png"), Files.readAllBytes(target));
    }

    @Test
    void aUrlWithoutHostIsAClearFailure() {
        try (PageFetcher fetcher = new PageFetcher(PUBLIC_ONLY)) {
            for (String url : List.of("http:///page.png", "http://:80/page.png", "https:///x")) {
                PageFetchException failed = assertThrows(PageFetchException.class, () -> fetch(fetcher, url), url);
                assertThat(url, failed.getMessage(), containsString("without a host"));
            }
        }
    }

    private void fetch(PageFetcher fetcher, String url) throws PageFetchException, InterruptedException {
        fetcher.fetch(null, "m", "c", new Page(0, url), target);
    }
}
