package dev.jamra.server.downloads;

import java.time.Duration;
import java.util.Objects;

import dev.jamra.server.sources.PageFetcher;

import io.helidon.config.Config;

/**
 * The {@code downloads.*} settings.
 *
 * @param concurrency  chapters downloading at once
 * @param retries      further attempts at a page after a failure worth retrying (network error, 5xx, 429)
 * @param retryBackoff wait before the first retry; doubled before each next one, up to {@link #MAX_BACKOFF}
 * @param fetch        timeouts and size cap of one page fetch
 */
public record DownloadSettings(int concurrency, int retries, Duration retryBackoff, PageFetcher.Settings fetch) {
    private static final int DEFAULT_CONCURRENCY = 3;
    private static final int DEFAULT_RETRIES = 3;
    private static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    public DownloadSettings {
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("downloads.concurrency must be 1..64, was " + concurrency);
        }
        if (retries < 0 || retries > 20) {
            throw new IllegalArgumentException("downloads.retries must be 0..20, was " + retries);
        }
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("downloads.retry-backoff must not be negative");
        }
        Objects.requireNonNull(fetch, "fetch");
    }

    /** Reads the {@code downloads} node; every key is optional. Durations are ISO-8601 ({@code PT1S}). */
    public static DownloadSettings from(Config downloads) {
        return new DownloadSettings(
                downloads.get("concurrency").asInt().orElse(DEFAULT_CONCURRENCY),
                downloads.get("retries").asInt().orElse(DEFAULT_RETRIES),
                downloads.get("retry-backoff").as(Duration.class).orElse(DEFAULT_RETRY_BACKOFF),
                new PageFetcher.Settings(
                        downloads.get("connect-timeout").as(Duration.class)
                                .orElse(PageFetcher.Settings.DEFAULT_CONNECT_TIMEOUT),
                        downloads.get("read-timeout").as(Duration.class)
                                .orElse(PageFetcher.Settings.DEFAULT_READ_TIMEOUT),
                        downloads.get("max-page-size").asLong().orElse(PageFetcher.Settings.DEFAULT_MAX_PAGE_SIZE),
                        downloads.get("allow-private-networks").asBoolean().orElse(false)));
    }

    /** The wait before retry number {@code attempt} (from 0). */
    Duration backoff(int attempt) {
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(attempt, 16));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
}
