package dev.jamra.server.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link HeldChunks} keeps full chunks while the answer may still be smaller than its limit, so that it goes out
 * whole, and streams them in order, then everything after, once it cannot.
 */
class HeldChunksTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ChunkWriter writer = new ChunkWriter(() -> out, 4, 8, LONG);

    @Test
    void anAnswerUnderTheLimitIsKeptAndGivenWhole() {
        HeldChunks held = new HeldChunks(writer, 12);
        byte[] chunk = ascii("abcd");
        assertSame(chunk, held.full(chunk, 4), "the chunk is given back to be filled again");
        Arrays.fill(chunk, (byte) 'x');  // so what was kept is a copy
        byte[] second = ascii("efgh");
        assertSame(second, held.full(second, 4), "8 bytes are still under 12");
        assertFalse(writer.started(), "nothing streamed");
        assertEquals("abcdefghij", new String(held.whole(ascii("ij--"), 2), StandardCharsets.US_ASCII));
        assertEquals(0, out.size());
    }

    @Test
    void nothingKeptGivesTheLastChunkAlone() {
        HeldChunks held = new HeldChunks(writer, 12);
        assertArrayEquals(ascii("ab"), held.whole(ascii("abcd"), 2));
        assertArrayEquals(new byte[0], held.whole(ascii("abcd"), 0));
    }

    @Test
    void aChunkThatReachesTheLimitStreamsTheKeptOnesFirstInOrder() {
        HeldChunks held = new HeldChunks(writer, 12);
        held.full(ascii("abcd"), 4);
        held.full(ascii("efgh"), 4);
        assertFalse(writer.started());
        held.full(ascii("ijkl"), 4);  // 12 bytes: no longer under the limit
        assertTrue(writer.started());
        byte[] next = held.full(ascii("mnop"), 4);  // streamed at once, after the others
        assertEquals(4, next.length, "the writer gives the chunk to fill next");
        writer.finish(ascii("q"), 1);
        assertEquals("abcdefghijklmnopq", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void aLimitOfOneChunkStreamsFromTheFirstFullChunk() {
        HeldChunks held = new HeldChunks(writer, 4);
        held.full(ascii("abcd"), 4);
        assertTrue(writer.started(), "4 bytes are not under 4");
        writer.finish(ascii("e"), 1);
        assertEquals("abcde", out.toString(StandardCharsets.US_ASCII));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
