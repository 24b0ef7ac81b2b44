package dev.jamra.server.websocket.delivery;

import java.util.Objects;

import dev.jamra.server.events.CoalesceKey;

/** What a connection's writer sends next: a JSON text message, a control frame, or the closing frame. */
public sealed interface OutgoingFrame {

    /**
     * An encoded event as the whole WebSocket frame that carries it, built once however many connections it goes
     * to. {@code weight} is what it counts for in queues and the retained history: its frame, and its text at
     * two bytes a character (what a string takes at most). {@code coalesceKey} is the event's
     * {@link dev.jamra.server.events.BroadcastEvent#coalesceKey() key}: a newer message with the same key may
     * replace it while both wait; {@code null} when every message counts. {@code createdNanos}
     * ({@link System#nanoTime()}) is when it was published, for the latency metric.
     */
    record Text(byte[] frame, long weight, CoalesceKey coalesceKey, long createdNanos) implements OutgoingFrame {
        public Text {
            Objects.requireNonNull(frame, "frame");
        }

        /** The frame of {@code json}, made now. */
        public static Text of(String json, CoalesceKey coalesceKey) {
            byte[] frame = TextFrames.encode(json);
            return new Text(frame, frame.length + 2L * json.length(), coalesceKey, System.nanoTime());
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
