package dev.jamra.server.websocket.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TextFramesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 70_000})
    void lengthIsEncodedInTheSmallestFormRfc6455Allows(int length) {
        byte[] frame = TextFrames.encode("a".repeat(length));
        assertEquals(0x81, frame[0] & 0xFF, "final text frame");
        int header;
        long declared;
        if (length < 126) {
            header = 2;
            declared = frame[1];
        } else if (length < 65_536) {
            header = 4;
            assertEquals(126, frame[1]);
            declared = ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
        } else {
            header = 10;
            assertEquals(127, frame[1]);
            declared = 0;
            for (int i = 2; i < 10; i++) {
                declared = (declared << 8) | (frame[i] & 0xFF);
            }
        }
        assertEquals(0, frame[1] & 0x80, "server frames are not masked");
        assertEquals(length, declared);
        assertEquals(header + length, frame.length);
    }

    @Test
    void payloadIsTheUtf8Text() {
        byte[] frame = TextFrames.encode("é€");
        byte[] utf8 = "é€".getBytes(StandardCharsets.UTF_8);
        assertEquals(utf8.length, frame[1]);
        assertArrayEquals(utf8, Arrays.copyOfRange(frame, 2, frame.length));
    }
}
