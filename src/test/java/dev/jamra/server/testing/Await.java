package dev.jamra.server.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Bounded waits for conditions that other threads make true. */
public final class Await {
    /** How long any test waits for something that should happen at once. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Await() {
    }

    public static void until(BooleanSupplier condition, String what) {
        until(condition, TIMEOUT, what);
    }

    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + timeout + " waiting until " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("Interrupted waiting until " + what);
            }
        }
    }

    /**
     * Gives something that must not happen yet a second to happen anyway, without failing: for a check, when the
     * caller returns, that it did not. Returns early if it does.
     */
    public static void briefly(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        try {
            while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the clock is in a later millisecond than {@code instant}: the server stores times in
     * milliseconds, so a change made after this is stored as strictly later.
     */
    public static void clockPasses(Instant instant) {
        Instant next = instant.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        until(() -> !Instant.now().isBefore(next), "the clock passes " + instant);
    }
}
