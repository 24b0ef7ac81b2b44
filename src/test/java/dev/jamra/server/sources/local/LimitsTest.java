package dev.jamra.server.sources.local;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reading at most so many bytes, counted on what is read, whatever a header claims. */
class LimitsTest {

    @Test
    void readAllTakesUpToTheLimitAndRefusesMore() throws IOException {
        assertArrayEquals(new byte[5], Limits.readAll(new ByteArrayInputStream(new byte[5]), 5));
        assertArrayEquals(new byte[0], Limits.readAll(new ByteArrayInputStream(new byte[0]), 5));
        assertThrows(Limits.TooLargeException.class, () -> Limits.readAll(new ByteArrayInputStream(new byte[6]), 5));
    }

    @Test
    void aCappedStreamPassesTheLimitAndFailsPastIt() throws IOException {
        try (InputStream in = Limits.capped(new ByteArrayInputStream(new byte[8]), 8)) {
            assertEquals(8, in.readAllBytes().length);
            assertEquals(-1, in.read(new byte[4], 0, 4), "the end counts nothing");
        }
        try (InputStream in = Limits.capped(new ByteArrayInputStream(new byte[9]), 8)) {
            Limits.TooLargeException e = assertThrows(Limits.TooLargeException.class, in::readAllBytes);
            assertEquals("larger than 8 bytes", e.getMessage());
        }
    }

    @Test
    void byteByByteCountsToo() throws IOException {
        try (InputStream in = Limits.capped(new ByteArrayInputStream(new byte[3]), 2)) {
            assertEquals(0, in.read());
            assertEquals(0, in.read());
            assertThrows(Limits.TooLargeException.class, in::read, "a zero byte is a byte");
        }
        try (InputStream in = Limits.capped(new ByteArrayInputStream(new byte[] {7}), 1)) {
            assertEquals(7, in.read());
            assertEquals(-1, in.read(), "the end is no byte");
            assertEquals(-1, in.read());
        }
    }
}
