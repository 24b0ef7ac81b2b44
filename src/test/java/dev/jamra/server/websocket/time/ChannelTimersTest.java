package dev.jamra.server.websocket.time;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jamra.server.testing.Await;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelTimersTest {
    private final ChannelTimers timers = new ChannelTimers();

    @AfterEach
    void stop() {
        timers.stop();
    }

    @Test
    void aPeriodicTaskThatThrowsRunsAgain() {
        AtomicInteger runs = new AtomicInteger();
        timers.every(Duration.ofMillis(5), "failing", () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("every time");
        });
        Await.until(() -> runs.get() >= 3, "it ran again after throwing");
    }

    @Test
    void aCancelledTaskNeverRuns() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        timers.after(Duration.ofMillis(50), () -> ran.set(true)).orElseThrow().cancel();
        CountDownLatch later = new CountDownLatch(1);
        timers.after(Duration.ofMillis(100), later::countDown);
        assertTrue(later.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "a later one ran");
        assertFalse(ran.get(), "the cancelled one did not, though it was due first");
    }

    @Test
    void aOneShotTaskRunsAndNothingIsScheduledOnceStopped() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        assertTrue(timers.after(Duration.ofMillis(1), ran::countDown).isPresent());
        assertTrue(ran.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "it ran");
        timers.stop();
        assertTrue(timers.after(Duration.ofMillis(1), () -> { }).isEmpty(), "stopped timers take nothing");
    }
}
