package dev.jamra.server.websocket;

import java.util.Objects;

/** What a connection's writer sends next: a JSON text message, a control frame, or the closing frame. */
sealed interface OutgoingFrame {

    /**
     * An encoded event, and the whole WebSocket frame that carries it, built once however many connections it
     * goes to. {@code progressOf} is the download id of a {@code download:progress} message, which a newer one
     * for the same download may replace while both wait; {@code null} for every other message.
     * {@code createdNanos} ({@link System#nanoTime()}) is when it was published, for the latency metric.
     */
    record Text(String json, byte[] frame, String progressOf, long createdNanos) implements OutgoingFrame {
        public Text {
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(frame, "frame");
        }

        static Text of(String json, String progressOf) {
            return new Text(json, TextFrames.encode(json), progressOf, System.nanoTime());
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
