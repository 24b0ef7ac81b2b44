package dev.jamra.server.websocket.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Ticker}, {@link Timers} and wall {@link #clock()} that move only when a test says so: {@link #advance}
 * moves the time and runs, in the order they fall due, every task due by then (a periodic one as often as it fell
 * due). Tasks run on the test's thread; a task may schedule others.
 */
public final class ManualTime implements Ticker, Timers {
    private final List<Scheduled> scheduled = new ArrayList<>();
    private long now = 1_000_000_000L;
    private long order;
    private boolean stopped;

    private static final class Scheduled {
        final String name;
        final Runnable task;
        final long interval;  // 0 for a task that runs once
        final long sequence;  // ties run in the order they were scheduled
        long due;

        Scheduled(String name, Runnable task, long due, long interval, long sequence) {
            this.name = name;
            this.task = task;
            this.due = due;
            this.interval = interval;
            this.sequence = sequence;
        }
    }

    /** Where the wall clock starts: a fixed day, in epoch milliseconds. */
    private static final long WALL_START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private final long start = now;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    /** The wall clock, moving with {@link #nanoTime()}. */
    public Clock clock() {
        return new Clock() {
            @Override
            public long millis() {
                return WALL_START + (nanoTime() - start) / 1_000_000;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis());
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
    }

    @Override
    public synchronized void every(Duration interval, String name, Runnable task) {
        if (!stopped) {
            scheduled.add(new Scheduled(name, task, now + interval.toNanos(), interval.toNanos(), order++));
        }
    }

    @Override
    public synchronized Optional<Cancellable> after(Duration delay, Runnable task) {
        if (stopped) {
            return Optional.empty();
        }
        Scheduled once = new Scheduled("once", task, now + delay.toNanos(), 0, order++);
        scheduled.add(once);
        return Optional.of(() -> cancel(once));
    }

    private synchronized void cancel(Scheduled task) {
        scheduled.remove(task);
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        scheduled.clear();
    }

    /** Moves the clock by {@code duration}, running what falls due on the way. */
    public void advance(Duration duration) {
        long until;
        synchronized (this) {
            until = now + duration.toNanos();
        }
        Scheduled next;
        while ((next = takeDue(until)) != null) {
            next.task.run();
        }
        synchronized (this) {
            now = until;
        }
    }

    /** Runs the periodic task called {@code name} once, now, whatever its schedule. */
    public void run(String name) {
        Scheduled task;
        synchronized (this) {
            task = scheduled.stream().filter(s -> s.name.equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no task " + name));
        }
        task.task.run();
    }

    /** Tasks waiting to run, periodic ones included. */
    public synchronized int pending() {
        return scheduled.size();
    }

    /** The earliest task due by {@code until}, the clock moved to its time; {@code null} when none is. */
    private synchronized Scheduled takeDue(long until) {
        Scheduled first = scheduled.stream()
                .min(Comparator.<Scheduled>comparingLong(s -> s.due).thenComparingLong(s -> s.sequence))
                .orElse(null);
        if (first == null || first.due > until) {
            return null;
        }
        now = Math.max(now, first.due);
        if (first.interval > 0) {
            first.due += first.interval;
        } else {
            scheduled.remove(first);
        }
        return first;
    }
}
