package dev.jamra.server.websocket;

import java.nio.charset.StandardCharsets;

/**
 * Joins the frames of one client message and enforces the size cap over the whole message. Helidon hands over
 * each frame on its own; one assembler serves one connection, whose callbacks never overlap.
 */
final class MessageAssembler {

    /** The message went past the cap; the connection must close with 1009. */
    static final class TooBig extends Exception {
        TooBig(int limit) {
            super("Message larger than " + limit + " bytes", null, false, false);
        }
    }

    private final int maxBytes;
    private final StringBuilder text = new StringBuilder();
    private long bytes;

    MessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a text frame.
     *
     * @return the whole message when {@code last}, else {@code null}
     */
    String text(String fragment, boolean last) throws TooBig {
        count(utf8Length(fragment));
        if (last && text.isEmpty()) {
            reset();
            return fragment;
        }
        text.append(fragment);
        if (!last) {
            return null;
        }
        String message = text.toString();
        reset();
        return message;
    }

    /**
     * Counts a binary frame, which is never assembled (the protocol has no binary messages).
     *
     * @return whether this frame ended the binary message
     */
    boolean binary(int length, boolean last) throws TooBig {
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

    private void reset() {
        text.setLength(0);
        if (text.capacity() > 4096) {
            text.trimToSize();
        }
        bytes = 0;
    }

    private static long utf8Length(String s) {
        // ASCII is the common case; only count precisely when something wider appears.
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return s.length();
    }
}
