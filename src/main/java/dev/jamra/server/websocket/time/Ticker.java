package dev.jamra.server.websocket.time;

/**
 * Monotonic time in nanoseconds, as {@link System#nanoTime()} gives it: what the channel's heartbeat and message
 * timeout measure silence with. Passed in, so that a test moves it by hand instead of waiting.
 */
@FunctionalInterface
public interface Ticker {

    /** The JVM's own clock. */
    Ticker SYSTEM = System::nanoTime;

    long nanoTime();
}
