package dev.jamra.server.updates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourcePacingTest {
    private static final Duration SLOT = Duration.ofMillis(200);

    /** A clock that moves only when the pacing sleeps or a test says so, and the sleeps it was asked for. */
    static final class FakeTime {
        long now = 1_000_000_000L;
        final List<Duration> sleeps = new ArrayList<>();

        SourcePacing pacing() {
            return new SourcePacing(() -> now, wait -> {
                sleeps.add(wait);
                now += wait.toNanos();
            });
        }
    }

    private final FakeTime time = new FakeTime();
    private final SourcePacing pacing = time.pacing();

    @Test
    void callsToOneSourceAreSpacedByItsIntervalAndTheFirstGoesAtOnce() throws InterruptedException {
        pacing.awaitTurn("mangadex", SLOT);
        pacing.awaitTurn("mangadex", SLOT);
        time.now += Duration.ofMillis(50).toNanos();  // the call took 50 ms
        pacing.awaitTurn("mangadex", SLOT);
        assertEquals(List.of(SLOT, Duration.ofMillis(150)), time.sleeps);
    }

    @Test
    void aCallLaterThanTheIntervalWaitsForNothing() throws InterruptedException {
        pacing.awaitTurn("mangadex", SLOT);
        time.now += SLOT.toNanos();
        pacing.awaitTurn("mangadex", SLOT);
        time.now += SLOT.toNanos() + 1;
        pacing.awaitTurn("mangadex", SLOT);
        assertEquals(List.of(), time.sleeps);
    }

    @Test
    void eachSourceHasItsOwnPaceAndNoIntervalMeansNoWait() throws InterruptedException {
        pacing.awaitTurn("mangadex", SLOT);
        pacing.awaitTurn("local", Duration.ZERO);
        pacing.awaitTurn("local", Duration.ZERO);
        assertEquals(List.of(), time.sleeps, "local never waits, nor for mangadex");
        pacing.awaitTurn("mangadex", SLOT);
        assertEquals(List.of(SLOT), time.sleeps);
    }

    @Test
    void theSystemPacingSleepsOnTheMonotonicClock() throws InterruptedException {
        SourcePacing system = SourcePacing.system();
        long start = System.nanoTime();
        system.awaitTurn("mangadex", Duration.ofMillis(20));
        system.awaitTurn("mangadex", Duration.ofMillis(20));
        // a lower bound, which a loaded machine can only widen
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(20).toNanos());
    }
}
