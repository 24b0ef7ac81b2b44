package dev.jamra.server.sources;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.jamra.server.testing.Images;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Image sizes from headers: real encoder output, hand-made WebP headers, and damaged or hostile input. */
class ImageSizeTest {

    private static byte[] image(String format, int width, int height) {
        return Images.of(format, width, height);
    }

    private static Optional<ImageSize> read(byte[] bytes) {
        return ImageSize.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void pngGifAndJpegAsTheirEncodersWriteThem() {
        assertEquals(Optional.of(new ImageSize(320, 17)), read(image("png", 320, 17)));
        assertEquals(Optional.of(new ImageSize(3, 700)), read(image("gif", 3, 700)));
        assertEquals(Optional.of(new ImageSize(801, 1203)), read(image("jpg", 801, 1203)));
    }

    @Test
    void aJpegFrameAfterLargeMetadataIsFound() {
        byte[] jpeg = image("jpg", 40, 30);
        // SOI, then a 60 KB APP1 segment, then the encoder's segments
        byte[] app1 = new byte[4 + 60_000];
        app1[0] = (byte) 0xFF;
        app1[1] = (byte) 0xE1;
        app1[2] = (byte) ((60_002 >> 8) & 0xFF);
        app1[3] = (byte) (60_002 & 0xFF);
        byte[] padded = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, padded, 0, 2);
        System.arraycopy(app1, 0, padded, 2, app1.length);
        System.arraycopy(jpeg, 2, padded, 2 + app1.length, jpeg.length - 2);
        assertEquals(Optional.of(new ImageSize(40, 30)), read(padded));
    }

    @Test
    void webpLossyLosslessAndExtended() {
        // "VP8 ": frame tag, start code, 14-bit width and height (here 1000 x 750, scale bits set and ignored)
        assertEquals(Optional.of(new ImageSize(1000, 750)),
                read(hex("52494646 00000000 57454250 56503820 00000000 000000 9D012A E843 EE42")));
        // "VP8L": 0x2F, then width-1 = 399 and height-1 = 16383 in 14 bits each (the last byte is not 0)
        long bits = 399 | (16383L << 14);
        byte[] lossless = hex("52494646 00000000 57454250 5650384C 00000000 2F 00000000");
        for (int i = 0; i < 4; i++) {
            lossless[21 + i] = (byte) (bits >> (8 * i));
        }
        assertEquals(Optional.of(new ImageSize(400, 16384)), read(lossless));
        // "VP8X": flags, then canvas width-1 = 2047 and height-1 = 99999 in 24 bits each
        assertEquals(Optional.of(new ImageSize(2048, 100_000)),
                read(hex("52494646 00000000 57454250 56503858 00000000 00000000 FF0700 9F8601")));
    }

    @Test
    void jpegSegmentsBeforeTheFrameAreSkippedWhateverTheirKind() {
        // restart markers and fill bytes carry no length; an empty segment (length 2) is legal; DHT (C4), JPG (C8)
        // and DAC (CC) are not frames; C0 and CF are
        for (String frame : List.of("C0", "C2", "CF")) {
            assertEquals(Optional.of(new ImageSize(1, 2)),
                    read(hex("FFD8 FFD0 FFFF FFE0 0002 FFC4 0003 00 FFC8 0002 FFCC 0002 FF" + frame
                             + " 0011 08 0002 0001")), frame);
        }
        assertEquals(Optional.empty(), read(hex("FFD8 FFD9")), "end of image");
        assertEquals(Optional.empty(), read(hex("FFD8 00")), "not a marker");
        assertEquals(Optional.empty(), read(hex("FFD8 FFC0 0011 08 0000 0001")), "no rows");
        assertEquals(Optional.of(new ImageSize(1, 1)), read(hex("FFD8 FFC0 0011 08 0001 0001")), "one pixel");
    }

    static Stream<Arguments> damagedOrUnknownInput() {
        return Stream.of(
                Arguments.of("a PNG cut inside IHDR", Arrays.copyOf(image("png", 5, 5), 20)),
                Arguments.of("nothing", new byte[0]),
                Arguments.of("text", "not an image at all".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("JPEG scan data before any frame", hex("FFD8 FFDA 0004 0000")),
                Arguments.of("a JPEG segment length below 2", hex("FFD8 FFE0 0001")),
                Arguments.of("a PNG 0 wide", hex("89504E470D0A1A0A 0000000D 49484452 00000000 00000010")),
                Arguments.of("a PNG without IHDR", hex("89504E470D0A1A0A 0000000D 58585858 00000010 00000010")),
                Arguments.of("a WebP frame without its start code",
                        hex("52494646 00000000 57454250 56503820 00000000 000000 000000 E843 EE42")),
                Arguments.of("RIFF, not WebP", hex("52494646 00000000 41564946 56503820")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedOrUnknownInput")
    void damagedOrUnknownInputHasNoSize(String name, byte[] bytes) {
        assertEquals(Optional.empty(), read(bytes));
    }

    @Test
    void aSizeHasNoZeroSide() {
        assertThrows(IllegalArgumentException.class, () -> new ImageSize(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImageSize(1, 0));
        assertEquals(1, new ImageSize(1, 1).width());
    }

    @Test
    void readingStopsAtTheHeaderLimit() {
        // a JPEG whose segments go on and on without a frame: read up to the limit, not to the end
        int segments = 2 * ImageSize.MAX_HEADER / 1000;
        byte[] bytes = new byte[2 + segments * 1000];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        for (int i = 0; i < segments; i++) {
            int at = 2 + i * 1000;
            bytes[at] = (byte) 0xFF;
            bytes[at + 1] = (byte) 0xE2;
            bytes[at + 2] = (byte) (998 >> 8);
            bytes[at + 3] = (byte) (998 & 0xFF);
        }
        CountingStream in = new CountingStream(bytes);
        assertEquals(Optional.empty(), ImageSize.read(in));
        assertTrue(in.read <= ImageSize.MAX_HEADER + 8192, "read " + in.read);
        // a frame header whose last byte is the limit's is still found; one byte further it is not
        assertEquals(Optional.of(new ImageSize(5, 7)), read(jpegWithFrameEndingAt(ImageSize.MAX_HEADER)));
        assertEquals(Optional.empty(), read(jpegWithFrameEndingAt(ImageSize.MAX_HEADER + 1)));
    }

    @Test
    void filesAreReadByPath(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("p.png"), image("png", 12, 34));
        assertEquals(Optional.of(new ImageSize(12, 34)), ImageSize.of(file));
        assertEquals(Optional.empty(), ImageSize.of(dir.resolve("missing.png")));
    }

    /** SOI, APP2 segments of padding, then a 7x5 frame header whose last byte is byte {@code end}. */
    private static byte[] jpegWithFrameEndingAt(int end) {
        byte[] bytes = new byte[end];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        int at = 2;
        int frameAt = end - 9;
        while (at < frameAt) {
            int size = Math.min(1000, frameAt - at);
            if (frameAt - at - size > 0 && frameAt - at - size < 4) {
                size -= 4;
            }
            bytes[at] = (byte) 0xFF;
            bytes[at + 1] = (byte) 0xE2;
            bytes[at + 2] = (byte) ((size - 2) >> 8);
            bytes[at + 3] = (byte) (size - 2);
            at += size;
        }
        System.arraycopy(hex("FFC0 0011 08 0007 0005"), 0, bytes, frameAt, 9);
        return bytes;
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static final class CountingStream extends InputStream {
        private final byte[] bytes;
        private int read;

        CountingStream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return read < bytes.length ? bytes[read++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= bytes.length) {
                return -1;
            }
            int n = Math.min(len, bytes.length - read);
            System.arraycopy(bytes, read, b, off, n);
            read += n;
            return n;
        }
    }
}
