package dev.jamra.server.updates;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Spaces a check's calls to each source at least its {@link dev.jamra.server.sources.MangaSource#requestInterval()
 * request interval} apart: a large library's check spreads over time at the source's own pace instead of queuing
 * its requests in a burst, so a user's request waits behind at most one of them. Used by one check thread at a
 * time; kept across checks, so a check started right after another keeps the pace too.
 */
final class SourcePacing {

    /** How the pacing waits; tests give one that only records. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    /** When the last call to each source was let through, in {@code nanoTime}'s terms. */
    private final Map<String, Long> lastCall = new HashMap<>();

    /** @param nanoTime a monotonic clock in nanoseconds, as {@link System#nanoTime()} */
    SourcePacing(LongSupplier nanoTime, Sleeper sleeper) {
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Pacing on the system's monotonic clock, waiting with {@link Thread#sleep(Duration)}. */
    static SourcePacing system() {
        return new SourcePacing(System::nanoTime, Thread::sleep);
    }

    /** Waits until a call to {@code sourceId} is at least {@code interval} after the one before, then counts it. */
    synchronized void awaitTurn(String sourceId, Duration interval) throws InterruptedException {
        Long last = lastCall.get(sourceId);
        if (last != null) {
            long wait = last + interval.toNanos() - nanoTime.getAsLong();
            if (wait > 0) {
                sleeper.sleep(Duration.ofNanos(wait));
            }
        }
        lastCall.put(sourceId, nanoTime.getAsLong());
    }
}
