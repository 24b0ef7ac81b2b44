package dev.jamra.server.sources;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The pixel size of an image, read from its header alone: PNG, GIF, WebP (lossy, lossless and extended) and JPEG
 * (the first start-of-frame segment, skipping the segments before it). Reading stops after {@link #MAX_HEADER}
 * bytes, so a damaged or hostile file costs little; anything unreadable has no size, never an error.
 */
public record ImageSize(int width, int height) {
    /** How far into a file the size is looked for: JPEG metadata before the frame header can be large. */
    static final int MAX_HEADER = 256 * 1024;

    public ImageSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("An image is at least 1x1 pixels, was " + width + "x" + height);
        }
    }

    /** The size of an image file, if its header gives one. */
    public static Optional<ImageSize> of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The size an image's first bytes give; reads at most {@link #MAX_HEADER} bytes and does not close. */
    public static Optional<ImageSize> read(InputStream stream) {
        try {
            Header in = new Header(new BufferedInputStream(stream, 8192));
            int b0 = in.u8();
            int b1 = in.u8();
            return switch ((b0 << 8) | b1) {
                case 0x8950 -> png(in);
                case 0x4749 -> gif(in);
                case 0x5249 -> webp(in);
                case 0xFFD8 -> jpeg(in);
                default -> Optional.empty();
            };
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<ImageSize> png(Header in) throws IOException {
        // 89 50 | 4E 47 0D 0A 1A 0A, chunk length (4), "IHDR", width (4), height (4), big-endian
        if (in.u8() != 0x4E || in.u8() != 0x47) {
            return Optional.empty();
        }
        in.skip(4 + 4);
        if (in.u32be() != 0x49484452) {
            return Optional.empty();
        }
        return sized(in.u32be(), in.u32be());
    }

    private static Optional<ImageSize> gif(Header in) throws IOException {
        // "GI" | "F87a" or "F89a", then width and height, 16 bits little-endian
        if (in.u8() != 'F') {
            return Optional.empty();
        }
        in.skip(3);
        return sized(in.u16le(), in.u16le());
    }

    private static Optional<ImageSize> webp(Header in) throws IOException {
        // "RI" | "FF", size (4), "WEBP", then the first chunk's four-character code and size
        if (in.u8() != 'F' || in.u8() != 'F') {
            return Optional.empty();
        }
        in.skip(4);
        if (in.u32be() != 0x57454250) {
            return Optional.empty();
        }
        int chunk = (int) in.u32be();
        in.skip(4);
        return switch (chunk) {
            case 0x56503820 -> { // "VP8 ": frame tag (3), start code 9D 01 2A, then 14-bit width and height
                in.skip(3);
                if (in.u8() != 0x9D || in.u8() != 0x01 || in.u8() != 0x2A) {
                    yield Optional.empty();
                }
                yield sized(in.u16le() & 0x3FFF, in.u16le() & 0x3FFF);
            }
            case 0x5650384C -> { // "VP8L": signature 2F, then width-1 and height-1 in 14 bits each
                if (in.u8() != 0x2F) {
                    yield Optional.empty();
                }
                long bits = in.u8() | (in.u8() << 8) | (in.u8() << 16) | ((long) in.u8() << 24);
                yield sized((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
            }
            case 0x56503858 -> { // "VP8X": flags (4), then canvas width-1 and height-1 in 24 bits each
                in.skip(4);
                yield sized(in.u24le() + 1, in.u24le() + 1);
            }
            default -> Optional.empty();
        };
    }

    private static Optional<ImageSize> jpeg(Header in) throws IOException {
        while (true) {
            int marker = in.u8();
            if (marker != 0xFF) {
                return Optional.empty();
            }
            int type = in.u8();
            while (type == 0xFF) { // fill bytes
                type = in.u8();
            }
            if (type == 0xD8 || type == 0x01 || (type >= 0xD0 && type <= 0xD7)) {
                continue; // no length
            }
            if (type == 0xD9 || type == 0xDA) {
                return Optional.empty(); // end of image or scan data before any frame header
            }
            int length = in.u16be();
            if (length < 2) {
                return Optional.empty();
            }
            boolean frame = type >= 0xC0 && type <= 0xCF && type != 0xC4 && type != 0xC8 && type != 0xCC;
            if (frame) {
                in.skip(1); // sample precision
                int height = in.u16be();
                return sized(in.u16be(), height);
            }
            in.skip(length - 2);
        }
    }

    private static Optional<ImageSize> sized(long width, long height) {
        return width > 0 && height > 0 && width <= Integer.MAX_VALUE && height <= Integer.MAX_VALUE
                ? Optional.of(new ImageSize((int) width, (int) height))
                : Optional.empty();
    }

    /** Reads numbers from the start of a stream, at most {@link #MAX_HEADER} bytes in all. */
    private static final class Header {
        private final InputStream in;
        private int read;

        Header(InputStream in) {
            this.in = in;
        }

        int u8() throws IOException {
            if (++read > MAX_HEADER) {
                throw new EOFException("No size in the first " + MAX_HEADER + " bytes");
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            return b;
        }

        void skip(int count) throws IOException {
            for (int i = 0; i < count; i++) {
                u8();
            }
        }

        int u16be() throws IOException {
            return (u8() << 8) | u8();
        }

        int u16le() throws IOException {
            return u8() | (u8() << 8);
        }

        int u24le() throws IOException {
            return u8() | (u8() << 8) | (u8() << 16);
        }

        long u32be() throws IOException {
            return ((long) u8() << 24) | (u8() << 16) | (u8() << 8) | u8();
        }
    }
}
