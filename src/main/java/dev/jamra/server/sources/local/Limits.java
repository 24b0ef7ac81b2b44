package dev.jamra.server.sources.local;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The sizes the local source reads at most, and the streams that hold to them: a metadata file or a cover past its
 * limit is refused, whatever its own header or an archive's directory claims.
 */
final class Limits {
    /** Largest {@code details.json} or {@code ComicInfo.xml} read (real ones have a few KiB). */
    static final int MAX_METADATA_BYTES = 1024 * 1024;
    /** Largest cover served. */
    static final long MAX_COVER_BYTES = 10L * 1024 * 1024;
    /** Most pixels of a cover (10,000 x 10,000): a larger image costs a browser hundreds of MiB to show. */
    static final long MAX_COVER_PIXELS = 100_000_000L;

    private Limits() {
    }

    /** A stream past its limit. */
    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("larger than " + limit + " bytes");
        }
    }

    /** Every byte of {@code in}, at most {@code limit} of them; more is a {@link TooLargeException}. */
    static byte[] readAll(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new TooLargeException(limit);
        }
        return bytes;
    }

    /** {@code in}, failing with a {@link TooLargeException} once more than {@code limit} bytes were read. */
    static InputStream capped(InputStream in, long limit) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));  // -1 at the end counts nothing
                return n;
            }

            private void count(int n) throws TooLargeException {
                read += n;
                if (read > limit) {
                    throw new TooLargeException(limit);
                }
            }
        };
    }
}
