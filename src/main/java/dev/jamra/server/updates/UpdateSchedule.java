package dev.jamra.server.updates;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts a library update check every {@code library.update-interval}, the first one interval after the start or
 * five minutes after it if that is sooner, never at the start. A check still running when the next is due goes
 * on, and the due one is skipped. It owns one timer thread, which {@link #close()} stops; with the interval zero,
 * it has none.
 */
public final class UpdateSchedule implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UpdateSchedule.class.getName());
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final ScheduledExecutorService timer;

    /** @param timer runs the checks; {@code null} when they are off */
    UpdateSchedule(UpdateSettings settings, Runnable check, ScheduledExecutorService timer) {
        Objects.requireNonNull(check, "check");
        this.timer = timer;
        if (timer != null) {
            timer.scheduleAtFixedRate(() -> {
                try {
                    check.run();
                } catch (RuntimeException e) {
                    // a failed start must not end the schedule, as an exception escaping the task would
                    LOG.log(Level.WARNING, "The periodic check for new chapters could not start", e);
                }
            }, settings.firstCheckDelay().toNanos(), settings.interval().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Schedules {@code check} as {@code settings} say, on a timer thread of its own; none when they are off. */
    public static UpdateSchedule start(UpdateSettings settings, Runnable check) {
        ScheduledExecutorService timer = settings.periodic()
                ? Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("library-update-timer")
                        .daemon(true).factory())
                : null;
        return new UpdateSchedule(settings, check, timer);
    }

    /** Stops the timer and waits for its thread to end (a check it started goes on until its owner stops it). */
    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "The library update timer did not stop within " + STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
