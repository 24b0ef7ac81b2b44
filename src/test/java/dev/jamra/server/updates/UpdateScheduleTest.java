package dev.jamra.server.updates;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jamra.server.testing.Await;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateScheduleTest {
    private final AtomicInteger checks = new AtomicInteger();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private static UpdateSettings every(Duration interval) {
        return new UpdateSettings(interval, AutoDownload.OFF);
    }

    @Test
    void withTheIntervalZeroNothingIsScheduledAndNoThreadStarts() {
        UpdateSchedule schedule = UpdateSchedule.start(every(Duration.ZERO), checks::incrementAndGet);
        assertFalse(timerThreadAlive());
        schedule.close();
        assertEquals(0, checks.get());
    }

    @Test
    void theFirstCheckOfALongIntervalIsFiveMinutesAfterTheStartNeverAtIt() {
        UpdateSchedule schedule = new UpdateSchedule(every(Duration.ofHours(12)), checks::incrementAndGet, timer);
        assertEquals(1, timer.getQueue().size(), "one check scheduled");
        ScheduledFuture<?> first = (ScheduledFuture<?>) timer.getQueue().peek();
        assertThat(first.getDelay(TimeUnit.SECONDS), allOf(greaterThan(4 * 60L), lessThanOrEqualTo(5 * 60L)));
        assertEquals(0, checks.get(), "nothing at the start");
        schedule.close();
    }

    @Test
    void checksComeEveryIntervalAndAFailedStartDoesNotEndTheSchedule() {
        UpdateSchedule schedule = new UpdateSchedule(every(Duration.ofMillis(20)), () -> {
            if (checks.incrementAndGet() == 1) {
                throw new IllegalStateException("the database is gone for a moment");
            }
        }, timer);
        Await.until(() -> checks.get() >= 3, "three periodic checks");
        schedule.close();
    }

    @Test
    void closeStopsTheTimerThreadForGood() {
        UpdateSchedule schedule = UpdateSchedule.start(every(Duration.ofMillis(10)), checks::incrementAndGet);
        Await.until(() -> checks.get() >= 1, "a periodic check");
        assertTrue(timerThreadAlive(), "the schedule has its thread");

        schedule.close();
        assertFalse(timerThreadAlive(), "the timer has ended: nothing more can run");
        int after = checks.get();
        schedule.close();  // twice is fine
        assertEquals(after, checks.get());
    }

    private static boolean timerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("library-update-timer") && thread.isAlive());
    }
}
