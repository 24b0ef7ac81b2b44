package dev.jamra.server.websocket;

import java.util.Objects;

import dev.jamra.server.events.CoalesceKey;

/** What a connection's writer sends next: a JSON text message, a control frame, or the closing frame. */
sealed interface OutgoingFrame {

    /**
     * An encoded event, and the whole WebSocket frame that carries it, built once however many connections it
     * goes to. {@code coalesceKey} is the event's {@link dev.jamra.server.events.BroadcastEvent#coalesceKey() key}:
     * a newer message with the same key may replace it while both wait; {@code null} when every message counts.
     * {@code createdNanos} ({@link System#nanoTime()}) is when it was published, for the latency metric.
     */
    record Text(String json, byte[] frame, CoalesceKey coalesceKey, long createdNanos) implements OutgoingFrame {
        public Text {
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(frame, "frame");
        }

        static Text of(String json, CoalesceKey coalesceKey) {
            return new Text(json, TextFrames.encode(json), coalesceKey, System.nanoTime());
        }

        /**
         * The bytes it holds in memory, as queues and the retained history count them: its frame, and its text at
         * two bytes a character (what a string takes at most).
         */
        long weight() {
            return frame.length + 2L * json.length();
        }
    }

    /** A heartbeat ping. */
    record Ping() implements OutgoingFrame {
    }

    /** The answer to a client's ping, echoing its payload. */
    record Pong(byte[] payload) implements OutgoingFrame {
    }

    /** The close frame; the writer stops after sending it. */
    record Close(int code, String reason) implements OutgoingFrame {
    }
}
