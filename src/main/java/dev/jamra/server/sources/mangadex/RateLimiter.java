package dev.jamra.server.sources.mangadex;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * At most {@code permits} requests in any {@code period}, across every thread that shares it: each caller reserves
 * the earliest start that keeps every window's count, then sleeps until it. A {@link #pauseFor pause} (the server
 * answered 429) holds every caller back until it ends.
 *
 * <p>Two kinds of callers share it. A {@link Priority#BACKGROUND background} one (a download's worker) takes the
 * earliest free start however far off it is. A {@link Priority#PERSON person's} (a REST request) waits at most as
 * long as it is told, else is refused with the wait it would have had ({@link Busy}); and persons together take at
 * most all permits but one of any window, so a background caller always finds a start within about a period,
 * however many persons queue.
 */
final class RateLimiter {

    /** Who waits for a request: a download in the background, or a person for an answer. */
    enum Priority { BACKGROUND, PERSON }

    /** A person's request would wait longer than allowed; it may try again after {@link #waitNanos()}. */
    static final class Busy extends Exception {
        private final long waitNanos;

        Busy(long waitNanos) {
            super(null, null, false, false);
            this.waitNanos = waitNanos;
        }

        long waitNanos() {
            return waitNanos;
        }
    }

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

    private final int permits;
    /** How many starts of any window persons may take: all but one, so background work is never shut out. */
    private final int personPermits;
    private final long periodNanos;
    private final Ticker ticker;
    /** {@link Ticker#nanoTime()} at creation: times are kept relative to it, so they compare as plain numbers. */
    private final long origin;
    /** Reserved starts that still count for a window from now on, in rising order; and those of persons. */
    private final List<Long> starts = new ArrayList<>();
    private final List<Long> personStarts = new ArrayList<>();
    private long pausedUntil;

    RateLimiter(int permits, Duration period, Ticker ticker) {
        if (permits < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A rate limit needs at least one request per positive period");
        }
        this.permits = permits;
        this.personPermits = Math.max(1, permits - 1);
        this.periodNanos = period.toNanos();
        this.ticker = ticker;
        this.origin = ticker.nanoTime();
    }

    /**
     * Waits until one more request keeps within the limit; a person's waits at most {@code maxWait}.
     *
     * @throws Busy when a person's request would wait longer (nothing is reserved then)
     */
    void acquire(Priority priority, Duration maxWait) throws InterruptedException, Busy {
        sleep(reserve(priority, maxWait.toNanos()));
    }

    private void sleep(long wait) throws InterruptedException {
        if (wait > 0) {
            ticker.sleep(wait);
        }
    }

    /** Reserves the next start of a background request; returns how long the caller waits for it, in nanoseconds. */
    long reserve() {
        try {
            return reserve(Priority.BACKGROUND, Long.MAX_VALUE);
        } catch (Busy impossible) {
            throw new AssertionError("a background request is never refused", impossible);
        }
    }

    /** Reserves the earliest start {@code priority} may take; returns how long the caller waits for it. */
    synchronized long reserve(Priority priority, long maxWaitNanos) throws Busy {
        long now = ticker.nanoTime() - origin;
        forgetBefore(now - periodNanos);
        long start = earliestStart(priority == Priority.PERSON, Math.max(now, pausedUntil));
        long wait = start - now;
        if (priority == Priority.PERSON && wait > maxWaitNanos) {
            throw new Busy(wait);
        }
        insert(starts, start);
        if (priority == Priority.PERSON) {
            insert(personStarts, start);
        }
        return wait;
    }

    /** No request starts before {@code wait} from now (a pause already longer stays). */
    synchronized void pauseFor(Duration wait) {
        pausedUntil = Math.max(pausedUntil, ticker.nanoTime() - origin + wait.toNanos());
    }

    /**
     * The earliest start at or after {@code earliest} that keeps every window within the permits (and, for a
     * person, within the persons' share). A window's count changes only where a start enters or leaves it, so the
     * candidates are {@code earliest}, the starts reserved, and a period after each.
     */
    private long earliestStart(boolean person, long earliest) {
        TreeSet<Long> candidates = new TreeSet<>();
        candidates.add(earliest);
        for (long start : starts) {
            candidates.add(start);
            candidates.add(start + periodNanos);
        }
        for (long candidate : candidates.tailSet(earliest)) {
            if (fits(starts, permits, candidate) && (!person || fits(personStarts, personPermits, candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("a period after the last start always fits");
    }

    /**
     * Whether {@code start}, added to {@code reserved}, leaves at most {@code limit} starts in every window: any
     * {@code limit + 1} starts in a row, counting {@code start}, span a period or more.
     */
    private boolean fits(List<Long> reserved, int limit, long start) {
        int at = insertionPoint(reserved, start);
        int size = reserved.size() + 1;
        for (int first = Math.max(0, at - limit); first <= at && first + limit < size; first++) {
            if (withStart(reserved, at, start, first + limit) - withStart(reserved, at, start, first) < periodNanos) {
                return false;
            }
        }
        return true;
    }

    /** Element {@code index} of {@code reserved} with {@code start} inserted at {@code at}. */
    private static long withStart(List<Long> reserved, int at, long start, int index) {
        return index < at ? reserved.get(index) : index == at ? start : reserved.get(index - 1);
    }

    /** Where {@code start} goes in {@code reserved} (among equal starts, any place keeps the order). */
    private static int insertionPoint(List<Long> reserved, long start) {
        int at = Collections.binarySearch(reserved, start);
        return at < 0 ? -at - 1 : at;
    }

    private static void insert(List<Long> reserved, long start) {
        reserved.add(insertionPoint(reserved, start), start);
    }

    /** Starts at or before {@code time} share no window with any start from now on. */
    private void forgetBefore(long time) {
        starts.removeIf(start -> start <= time);
        personStarts.removeIf(start -> start <= time);
    }
}
