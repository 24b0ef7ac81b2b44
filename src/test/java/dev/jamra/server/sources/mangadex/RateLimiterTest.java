package dev.jamra.server.sources.mangadex;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The limiter on a fake clock: starts it grants, and waits it imposes. */
class RateLimiterTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    /** A clock that moves only when someone sleeps, and records the starts granted. */
    private static final class FakeTicker implements RateLimiter.Ticker {
        long now = 1_000;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @Test
    void grantsUpToThePermitsAtOnceThenOneMoreEachTimeTheOldestLeavesTheWindow()
            throws InterruptedException, RateLimiter.Busy {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(1), ticker);
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            limiter.acquire(RateLimiter.Priority.BACKGROUND, Duration.ofDays(1));
            starts.add(ticker.now - 1_000);
        }
        assertEquals(List.of(0L, 0L, 0L, SECOND, SECOND, SECOND, 2 * SECOND), starts);
        assertEquals(List.of(SECOND, SECOND), ticker.sleeps, "only a caller that must wait sleeps");
    }

    @Test
    void reservationsOfWaitingCallersSpreadOverTheWindows() {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(1), ticker);
        // five callers at the same instant, none has slept yet
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(limiter.reserve());
        }
        assertEquals(List.of(0L, 0L, SECOND, SECOND, 2 * SECOND), waits);
    }

    @Test
    void aCallerAfterAQuietWindowDoesNotWait() {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(1), ticker);
        limiter.reserve();
        limiter.reserve();
        ticker.now += SECOND + 1;
        assertEquals(0L, limiter.reserve());
        assertEquals(0L, limiter.reserve());
        assertEquals(SECOND, limiter.reserve(), "a third in the new window waits for its first to leave it");
    }

    @Test
    void aPauseHoldsEveryCallerBackUntilItEnds() {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(1), ticker);
        assertEquals(0L, limiter.reserve());
        limiter.pauseFor(Duration.ofMillis(1500));
        assertEquals(Duration.ofMillis(1500).toNanos(), limiter.reserve());
        limiter.pauseFor(Duration.ofMillis(100));
        assertEquals(Duration.ofMillis(1500).toNanos(), limiter.reserve(), "a shorter pause does not cut a longer one");
        ticker.now += Duration.ofMillis(1600).toNanos();
        assertEquals(0L, limiter.reserve(), "after the pause");
    }

    @Test
    void aPersonWaitsAtMostItsMaxWaitElseIsRefusedWithTheWaitItWouldHaveHad() throws RateLimiter.Busy {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(1), ticker);
        // persons take one of the two permits of a window: the other stays for background work
        assertEquals(0L, limiter.reserve(RateLimiter.Priority.PERSON, SECOND));
        assertEquals(SECOND, limiter.reserve(RateLimiter.Priority.PERSON, SECOND), "exactly the most it may wait");
        RateLimiter.Busy busy = assertThrows(RateLimiter.Busy.class,
                () -> limiter.reserve(RateLimiter.Priority.PERSON, SECOND));
        assertEquals(2 * SECOND, busy.waitNanos());
        assertEquals(2 * SECOND, assertThrows(RateLimiter.Busy.class,
                () -> limiter.reserve(RateLimiter.Priority.PERSON, SECOND)).waitNanos(), "a refusal reserves nothing");
        assertEquals(0L, limiter.reserve(), "background work takes the permit persons leave");
    }

    @Test
    void backgroundWorkNeverWaitsBehindPersonsQueuedFarAhead() throws RateLimiter.Busy {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(1), ticker);
        List<Long> persons = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            persons.add(limiter.reserve(RateLimiter.Priority.PERSON, 60 * SECOND));
        }
        assertEquals(List.of(0L, 0L, SECOND, SECOND, 2 * SECOND), persons.subList(0, 5), "two a window");
        assertEquals(9 * SECOND, persons.getLast());
        assertEquals(0L, limiter.reserve(), "the permit persons left in this window");
        assertEquals(SECOND, limiter.reserve(), "and in the next");
        assertEquals(2 * SECOND, limiter.reserve());
        ticker.now += 10 * SECOND;
        assertEquals(List.of(0L, 0L, 0L), List.of(limiter.reserve(RateLimiter.Priority.PERSON, 0), limiter.reserve(),
                limiter.reserve()), "a window left alone is whole again");
    }

    @Test
    void aPauseLongerThanAPersonsMaxWaitRefusesThePersonOnly() throws RateLimiter.Busy {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(1), ticker);
        limiter.pauseFor(Duration.ofSeconds(5));
        assertEquals(5 * SECOND, assertThrows(RateLimiter.Busy.class,
                () -> limiter.reserve(RateLimiter.Priority.PERSON, SECOND)).waitNanos());
        assertEquals(5 * SECOND, limiter.reserve(RateLimiter.Priority.PERSON, 5 * SECOND));
        assertEquals(5 * SECOND, limiter.reserve());
    }

    @Test
    void withASinglePermitPersonsAndBackgroundWorkTakeTurns() throws RateLimiter.Busy {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), ticker);
        assertEquals(0L, limiter.reserve(RateLimiter.Priority.PERSON, 10 * SECOND));
        assertEquals(SECOND, limiter.reserve());
        assertEquals(2 * SECOND, limiter.reserve(RateLimiter.Priority.PERSON, 10 * SECOND));
    }

    @Test
    void acquiringSleepsOnlyTheWaitAndARefusedPersonDoesNotSleep() throws Exception {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(1), ticker);
        limiter.acquire(RateLimiter.Priority.PERSON, Duration.ofSeconds(1));
        limiter.acquire(RateLimiter.Priority.PERSON, Duration.ofSeconds(1));
        assertEquals(List.of(SECOND), ticker.sleeps);
        limiter.pauseFor(Duration.ofSeconds(3));
        assertThrows(RateLimiter.Busy.class, () -> limiter.acquire(RateLimiter.Priority.PERSON, Duration.ZERO));
        assertEquals(List.of(SECOND), ticker.sleeps);
    }

    @Test
    void startsAPeriodOldAreForgotten() throws RateLimiter.Busy {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(1), ticker);
        limiter.reserve();
        limiter.reserve(RateLimiter.Priority.PERSON, SECOND);
        ticker.now += SECOND - 1;
        assertEquals(1, limiter.reserve(), "both starts of a period ago still count");
        ticker.now += 1;
        assertEquals(0, limiter.reserve(RateLimiter.Priority.PERSON, SECOND), "exactly a period later they do not");
    }

    @Test
    void worksAcrossTheWrapOfNanoTime() {
        FakeTicker ticker = new FakeTicker();
        ticker.now = Long.MAX_VALUE - SECOND / 2;
        RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), ticker);
        assertEquals(0L, limiter.reserve());
        assertEquals(SECOND, limiter.reserve());
    }

    @Test
    void refusesAnEmptyLimit() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, Duration.ofSeconds(1), new FakeTicker()));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, Duration.ZERO, new FakeTicker()));
    }
}
