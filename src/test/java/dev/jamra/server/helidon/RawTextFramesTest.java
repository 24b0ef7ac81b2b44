package dev.jamra.server.helidon;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The raw text payloads are read off the byte stream exactly as Helidon reads frames, however it is cut. */
class RawTextFramesTest {
    private final Random random = new Random(7);

    private byte[] frame(int firstByte, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        out.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i & 3]);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void textPayloadsComeOutInOrderWhateverTheChunksAndTheFramesBetween() {
        byte[] euro = utf8("€");
        byte[] big = new byte[300];
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(frame(0x01, new byte[] {'a', euro[0]}));           // text, not final
        stream.writeBytes(frame(0x89, utf8("ping")));                         // a ping between fragments
        stream.writeBytes(frame(0x80, new byte[] {euro[1], euro[2], 'b'}));  // final continuation
        stream.writeBytes(frame(0x02, big));                                  // binary, not final
        stream.writeBytes(frame(0x80, new byte[] {9}));                       // its continuation: not text
        stream.writeBytes(frame(0x81, new byte[0]));                          // an empty text message
        stream.writeBytes(frame(0x81, big));                                  // a 16-bit length
        byte[] bytes = stream.toByteArray();
        for (int chunk : new int[] {1, 2, 3, 7, bytes.length}) {
            RawTextFrames frames = new RawTextFrames(1000);
            for (int at = 0; at < bytes.length; at += chunk) {
                assertEquals(Math.min(chunk, bytes.length - at), frames.accept(bytes, at, Math.min(chunk, bytes.length - at)));
            }
            assertArrayEquals(new byte[] {'a', euro[0]}, frames.next(), "chunks of " + chunk);
            assertArrayEquals(new byte[] {euro[1], euro[2], 'b'}, frames.next());
            assertArrayEquals(new byte[0], frames.next());
            assertArrayEquals(big, frames.next());
            assertNull(frames.next());
        }
    }

    @Test
    void aFrameLongerThanTheLimitIsNotKept() {
        RawTextFrames frames = new RawTextFrames(10);
        byte[] bytes = frame(0x81, new byte[11]);
        frames.accept(bytes, 0, bytes.length);
        assertNull(frames.next());
    }

    @Test
    void aReservedOpcodeStopsTheStreamAtThatFrame() {
        byte[] good = frame(0x81, utf8("ok"));
        for (int first : new int[] {0x83, 0x87, 0x8B, 0x8F}) {
            RawTextFrames frames = new RawTextFrames(100);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            stream.writeBytes(good);
            stream.writeBytes(frame(first, utf8("x")));
            stream.writeBytes(good);
            byte[] bytes = stream.toByteArray();
            assertEquals(good.length, frames.accept(bytes, 0, bytes.length), "only the frame before passes");
            assertEquals(0, frames.accept(bytes, 0, bytes.length), "and nothing after");
            assertArrayEquals(utf8("ok"), frames.next());
            assertNull(frames.next());
            assertEquals("Reserved opcode " + (first & 0x0F), frames.refusal());
        }
    }

    @Test
    void everyOpcodeOfRfc6455AndReservedBitsPassHelidonRefusesThoseItself() {
        for (int first : new int[] {0x80, 0x81, 0x82, 0x88, 0x89, 0x8A, 0xC1, 0x91, 0xA1}) {
            RawTextFrames frames = new RawTextFrames(100);
            byte[] bytes = frame(first, utf8("x"));
            assertEquals(bytes.length, frames.accept(bytes, 0, bytes.length), () -> "first byte " + first);
            assertNull(frames.refusal());
        }
    }

    @Test
    void unmaskedFramesAndSixtyFourBitLengthsAreReadToo() {
        byte[] payload = utf8("hello");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(0x81);
        stream.write(127);  // unmasked, a 64-bit length
        for (int i = 0; i < 7; i++) {
            stream.write(0);
        }
        stream.write(payload.length);
        stream.writeBytes(payload);
        stream.writeBytes(frame(0x81, utf8("next")));
        byte[] bytes = stream.toByteArray();
        RawTextFrames frames = new RawTextFrames(100);
        assertEquals(bytes.length, frames.accept(bytes, 0, bytes.length));
        assertArrayEquals(payload, frames.next());
        assertArrayEquals(utf8("next"), frames.next());
    }
}
