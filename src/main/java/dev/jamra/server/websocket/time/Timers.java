package dev.jamra.server.websocket.time;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs the channel's periodic tasks (heartbeat, reaper) and its one-off deadlines (a closing connection's, the
 * fan-out's progress checks). {@link ChannelTimers} runs them on a thread; a test passes timers it runs by hand.
 */
public interface Timers {

    /**
     * Runs {@code task} every {@code interval}, the first time one interval from now. A run that throws, even an
     * {@link Error}, does not stop the later ones.
     *
     * @param name what the task does, for the log
     */
    void every(Duration interval, String name, Runnable task);

    /**
     * Runs {@code task} once after {@code delay}.
     *
     * @return what cancels it; empty when the timers are already stopped
     */
    Optional<Cancellable> after(Duration delay, Runnable task);

    /** Stops every timer; a task running now is interrupted. */
    void stop();

    /** A task not yet run, that may be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
