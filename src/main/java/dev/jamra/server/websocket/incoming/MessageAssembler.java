package dev.jamra.server.websocket.incoming;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Joins the frames of one client message, enforces the size cap over the whole message, and decodes a text
 * message once, from all its bytes: a character may be split between frames. Helidon hands over each frame on
 * its own; one assembler serves one connection, whose callbacks never overlap.
 */
public final class MessageAssembler {
    private static final byte[] EMPTY = new byte[0];
    private static final int KEPT_CAPACITY = 4096;

    /** The message went past the cap; the connection must close with 1009. */
    public static final class TooBig extends Exception {
        TooBig(int limit) {
            super("Message larger than " + limit + " bytes", null, false, false);
        }
    }

    /** A text message that is not UTF-8; the connection must close with 1007 (RFC 6455 section 8.1). */
    public static final class NotUtf8 extends Exception {
        NotUtf8() {
            super("Text message is not valid UTF-8", null, false, false);
        }
    }

    private final int maxBytes;
    private byte[] buffer = EMPTY;
    private int length;
    private long bytes;

    public MessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Adds the raw payload of a text frame.
     *
     * @return the whole message when {@code last}, else {@code null}
     */
    public String text(byte[] payload, boolean last) throws TooBig, NotUtf8 {
        count(payload.length);
        if (last && length == 0) {
            reset();
            return decode(payload, payload.length);
        }
        append(payload);
        if (!last) {
            return null;
        }
        try {
            return decode(buffer, length);
        } finally {
            reset();
        }
    }

    /**
     * Counts a binary frame, which is never assembled (the protocol has no binary messages).
     *
     * @return whether this frame ended the binary message
     */
    public boolean binary(int length, boolean last) throws TooBig {
        count(length);
        if (last) {
            reset();
        }
        return last;
    }

    private void count(long length) throws TooBig {
        bytes += length;
        if (bytes > maxBytes) {
            reset();
            throw new TooBig(maxBytes);
        }
    }

    private void append(byte[] payload) {
        if (length + payload.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxBytes, Math.max(length + payload.length, 2 * buffer.length)));
        }
        System.arraycopy(payload, 0, buffer, length, payload.length);
        length += payload.length;
    }

    private void reset() {
        if (buffer.length > KEPT_CAPACITY) {
            buffer = EMPTY;
        }
        length = 0;
        bytes = 0;
    }

    private static String decode(byte[] data, int length) throws NotUtf8 {
        try {
            // a fresh decoder reports malformed input instead of replacing it
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new NotUtf8();
        }
    }
}
