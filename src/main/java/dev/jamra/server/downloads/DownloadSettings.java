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

    /**
     * Reads the {@code downloads} node, where the built-in {@code application.yaml} gives every key. Durations
     * are ISO-8601 ({@code PT1S}).
     */
    public static DownloadSettings from(Config downloads) {
        return new DownloadSettings(
                downloads.get("concurrency").asInt().get(),
                downloads.get("retries").asInt().get(),
                downloads.get("retry-backoff").as(Duration.class).get(),
                new PageFetcher.Settings(
                        downloads.get("connect-timeout").as(Duration.class).get(),
                        downloads.get("read-timeout").as(Duration.class).get(),
                        downloads.get("max-page-size").asLong().get(),
                        downloads.get("allow-private-networks").asBoolean().get()));
    }

    /** The wait before retry number {@code attempt} (from 0). */
    Duration backoff(int attempt) {
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(attempt, 16));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
}
