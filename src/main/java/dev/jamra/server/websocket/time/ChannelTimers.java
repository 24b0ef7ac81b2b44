package dev.jamra.server.websocket.time;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The channel's {@link Timers} on one platform thread, {@code ws-timer}: the periodic tasks and the deadlines of
 * closing connections. A periodic task that throws, even an {@link Error}, keeps running at its next turn.
 */
public final class ChannelTimers implements Timers {
    private static final System.Logger LOG = System.getLogger(ChannelTimers.class.getName());

    /** The name of the timer thread. */
    static final String THREAD_NAME = "ws-timer";

    private final ScheduledThreadPoolExecutor scheduler;

    public ChannelTimers() {
        scheduler = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name(THREAD_NAME).daemon().factory());
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void every(Duration interval, String name, Runnable task) {
        long nanos = interval.toNanos();
        scheduler.scheduleWithFixedDelay(surviving(name, task), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public Optional<Cancellable> after(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> scheduled = scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return Optional.of(() -> scheduled.cancel(false));
        } catch (RejectedExecutionException stopped) {
            return Optional.empty();
        }
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
    }

    /**
     * Wraps a periodic task so that nothing it throws, not even an {@link Error} such as an
     * {@link OutOfMemoryError}, cancels its later runs (a scheduled task that throws is never run again).
     */
    private static Runnable surviving(String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                try {
                    LOG.log(Level.ERROR, name + " failed; it will run again", t);
                } catch (Throwable ignored) {
                    // logging failed as well (the heap may be full): the next run matters more than this report
                }
            }
        };
    }
}
