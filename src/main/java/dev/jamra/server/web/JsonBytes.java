package dev.jamra.server.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * JSON written as UTF-8 bytes straight into a chunk, for answers too large to build as objects first; a full chunk
 * goes to the {@link Sink}, which gives the next one to fill. Strings are escaped as Helidon's JSON-P writer
 * (Parsson) escapes them, so the bytes are those a {@code JsonObject} of the same values would have been sent as:
 * {@code "} and {@code \} with a backslash, the control characters below U+0020 as {@code \b \t \n \f \r} or
 * {@code \}{@code u00xx}, everything else as it is.
 *
 * <p>Text stored as UTF-8 is copied as it is when it is well-formed; otherwise it is first decoded as the JDBC
 * driver decodes it ({@code new String(bytes, UTF_8)}: malformed sequences become U+FFFD), so the answer is the same
 * either way.
 */
public final class JsonBytes {
    /** Takes a full chunk ({@code length} bytes of it) and gives the chunk to fill next. */
    @FunctionalInterface
    public interface Sink {
        byte[] full(byte[] chunk, int length);
    }

    private static final char REPLACEMENT = '\uFFFD';
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Sink sink;
    private byte[] chunk;
    private int length;

    /** What {@code writer} writes, as one array, written in chunks of {@code chunkSize} bytes (fresh ones each). */
    public static byte[] written(int chunkSize, Consumer<JsonBytes> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonBytes json = new JsonBytes(new byte[chunkSize], (chunk, length) -> {
            out.write(chunk, 0, length);
            return new byte[chunkSize];
        });
        writer.accept(json);
        out.write(json.chunk(), 0, json.length());
        return out.toByteArray();
    }

    /** Text known to be ASCII (names with their quotes, punctuation), as bytes for {@link #raw(byte[])}. */
    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public JsonBytes(byte[] first, Sink sink) {
        if (first.length == 0) {
            throw new IllegalArgumentException("a chunk must hold at least a byte");
        }
        this.chunk = first;
        this.sink = sink;
    }

    /** The chunk being filled, of which {@link #length()} bytes are written. */
    public byte[] chunk() {
        return chunk;
    }

    public int length() {
        return length;
    }

    /** Bytes that need no escaping: names with their quotes, punctuation, values known to be plain ASCII. */
    public JsonBytes raw(byte[] bytes) {
        return raw(bytes, 0, bytes.length);
    }

    /** {@code count} bytes of {@code bytes} from {@code from}, as {@link #raw(byte[])}. */
    public JsonBytes raw(byte[] bytes, int from, int count) {
        copy(bytes, from, from + count);
        return this;
    }

    /**
     * JSON text made elsewhere (by SQLite, say), as UTF-8: written as it is when it is well-formed; false, writing
     * nothing, when it is not.
     */
    public boolean rawUtf8(byte[] json) {
        if (!wellFormed(json)) {
            return false;
        }
        raw(json);
        return true;
    }

    /** A JSON string of stored UTF-8 text. */
    public JsonBytes string(byte[] utf8) {
        String text = new String(utf8, StandardCharsets.UTF_8);
        return quoted(text.indexOf(REPLACEMENT) < 0 ? utf8 : text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string; a lone surrogate is written as {@code ?}, as Java's UTF-8 encoder writes it. */
    public JsonBytes string(String text) {
        return quoted(text.getBytes(StandardCharsets.UTF_8));
    }

    public JsonBytes number(long value) {
        return raw(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code utf8}, well-formed, as a JSON string. */
    private JsonBytes quoted(byte[] utf8) {
        put((byte) '"');
        int run = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            // bytes of multi-byte characters are negative; only ASCII bytes can need escaping
            if (b >= 0 && (b < 0x20 || b == '"' || b == '\\')) {
                copy(utf8, run, i);
                escape(b);
                run = i + 1;
            }
        }
        copy(utf8, run, utf8.length);
        put((byte) '"');
        return this;
    }

    /**
     * Whether {@code utf8} is UTF-8 Java decodes without replacing anything. Decoding is the JDK's own (compiled
     * early in the server's life, its ASCII fast path an intrinsic), which costs less than a loop of ours would
     * while a server is young. Text holding U+FFFD itself counts as not well-formed: it only takes the longer way,
     * whose answer is the same.
     */
    private static boolean wellFormed(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8).indexOf(REPLACEMENT) < 0;
    }

    private void copy(byte[] source, int from, int to) {
        while (from < to) {
            int count = Math.min(room(), to - from);
            System.arraycopy(source, from, chunk, length, count);
            length += count;
            from += count;
        }
    }

    private void escape(byte b) {
        switch (b) {
            case '"', '\\' -> pair(b);
            case '\b' -> pair((byte) 'b');
            case '\f' -> pair((byte) 'f');
            case '\n' -> pair((byte) 'n');
            case '\r' -> pair((byte) 'r');
            case '\t' -> pair((byte) 't');
            default -> {
                pair((byte) 'u');
                put((byte) '0');
                put((byte) '0');
                put(HEX[b >> 4]);
                put(HEX[b & 0xf]);
            }
        }
    }

    private void pair(byte escaped) {
        put((byte) '\\');
        put(escaped);
    }

    private void put(byte b) {
        if (length == chunk.length) {
            flush();
        }
        chunk[length++] = b;
    }

    /** Room left in the chunk, at least one byte: a full chunk is handed over first. */
    private int room() {
        if (length == chunk.length) {
            flush();
        }
        return chunk.length - length;
    }

    private void flush() {
        byte[] next = sink.full(chunk, length);
        if (next.length == 0) {
            throw new IllegalStateException("a chunk must hold at least a byte");
        }
        chunk = next;
        length = 0;
    }
}
