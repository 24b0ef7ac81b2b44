package dev.jamra.server.sources.mangadex;

import java.time.Duration;

/**
 * At most {@code permits} requests in any {@code period}, across every thread that shares it: each caller reserves
 * the earliest start that keeps the window's count, then sleeps until it. A {@link #pauseFor pause} (the server
 * answered 429) holds every caller back until it ends.
 */
final class RateLimiter {

    /** Time as the limiter sees it; tests give it a fake one. */
    interface Ticker {
        long nanoTime();

        void sleep(long nanos) throws InterruptedException;

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                Thread.sleep(Duration.ofNanos(nanos));
            }
        };
    }

    private final long periodNanos;
    private final Ticker ticker;
    /** The reserved starts of the last {@code permits} requests, oldest at {@code next}, in rising order. */
    private final long[] starts;
    private int next;
    private long reserved;
    private boolean paused;
    private long pausedUntil;

    RateLimiter(int permits, Duration period, Ticker ticker) {
        if (permits < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A rate limit needs at least one request per positive period");
        }
        this.periodNanos = period.toNanos();
        this.ticker = ticker;
        this.starts = new long[permits];
    }

    /** Waits until one more request keeps within the limit. */
    void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            ticker.sleep(wait);
        }
    }

    /** Reserves the next start; returns how long the caller waits for it, in nanoseconds. */
    synchronized long reserve() {
        long now = ticker.nanoTime();
        long start = now;
        if (reserved >= starts.length) {
            start = later(start, starts[next] + periodNanos);
        }
        if (paused) {
            start = later(start, pausedUntil);
        }
        starts[next] = start;
        next = (next + 1) % starts.length;
        reserved++;
        return start - now;
    }

    /** No request starts before {@code wait} from now (a pause already longer stays). */
    synchronized void pauseFor(Duration wait) {
        long until = ticker.nanoTime() + wait.toNanos();
        if (!paused || until - pausedUntil > 0) {
            pausedUntil = until;
            paused = true;
        }
    }

    /** The later of two {@link System#nanoTime} values (compared by difference, as nano times must be). */
    private static long later(long a, long b) {
        return b - a > 0 ? b : a;
    }
}
