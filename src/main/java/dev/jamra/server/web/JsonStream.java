package dev.jamra.server.web;

import java.io.UncheckedIOException;
import java.time.Duration;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sends a JSON answer while its producer writes it ({@link JsonBytes}), so that an answer of any size takes a few
 * chunks of memory, not the whole answer. An answer smaller than {@link #WHOLE} bytes goes out whole, in one
 * socket write with its {@code Content-Length}; a larger one chunk by chunk (chunked transfer encoding), each in one
 * socket write, by a {@link ChunkWriter}: the producer, which holds a database read meanwhile, waits for a slow
 * client {@link #PATIENCE} at most in all, then keeps the rest of the answer in memory (as a whole answer was kept
 * before) and lets the database go. A client that stops reading costs memory, then, never the database.
 *
 * <p>If the producer fails once part of a chunked answer went out, the connection is closed, so the client sees a
 * cut answer rather than a shorter well-formed one. A client that goes away ends the producer at its next chunk, as
 * a connection failure, which Helidon closes quietly.
 */
public final class JsonStream {
    /** Bytes per chunk: one socket write each. */
    static final int CHUNK = 64 * 1024;
    /** How far the client may fall behind before the producer waits for it. */
    static final int AHEAD = 4 * CHUNK;
    /** How long in all the producer waits for a slow client. */
    static final Duration PATIENCE = Duration.ofSeconds(2);
    /**
     * Answers smaller than this are kept until they are complete and sent in one write: a title search's answer of a
     * few hundred items then needs no writer thread and no chunk framing, and holds no more memory than a
     * streamed answer may ({@link #AHEAD}).
     */
    static final int WHOLE = 2 * CHUNK;

    /** Writes the answer. */
    @FunctionalInterface
    public interface Producer {
        void writeTo(JsonBytes json);
    }

    private JsonStream() {
    }

    /** Answers with what {@code producer} writes; its failure passes through (see the class comment). */
    public static void send(ServerResponse res, Producer producer) {
        ChunkWriter chunks = new ChunkWriter(() -> res.header(HeaderValues.CONTENT_TYPE_JSON).outputStream(), CHUNK,
                AHEAD, PATIENCE);
        HeldChunks held = new HeldChunks(chunks, WHOLE);
        JsonBytes json = new JsonBytes(new byte[CHUNK], held::full);
        try {
            producer.writeTo(json);
            if (!chunks.started()) {
                res.header(HeaderValues.CONTENT_TYPE_JSON).send(held.whole(json.chunk(), json.length()));
                return;
            }
            chunks.finish(json.chunk(), json.length());
        } catch (UncheckedIOException e) {
            chunks.abort();
            throw new ServerConnectionException("The client did not take the answer", e);
        } catch (RuntimeException | Error e) {
            chunks.abort();
            throw e;
        }
    }
}
