package dev.jamra.server.helidon;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;

/**
 * The raw payloads of the text frames a client sends, read from its byte stream alongside Helidon. Helidon 4.5.0
 * hands a listener each text frame decoded on its own, so a character split between two frames arrives as two
 * replacement characters, and the bytes are gone; this keeps them, so a message is decoded once, whole.
 *
 * <p>It follows the frames exactly as Helidon does (RFC 6455 section 5.2): a text frame starts a text message,
 * a binary frame a binary one, a continuation belongs to the message before it and a final continuation ends
 * it; control frames may come in between. Each text or text-continuation frame adds one payload, in order, and
 * the listener takes one per frame Helidon delivers. Payloads longer than {@code maxFrameLength} are not kept
 * (Helidon refuses such a frame and closes the connection). Used only on the connection's own thread.
 *
 * <p>Being first to see each frame header, it also stops the frames Helidon 4.5.0 mishandles: a reserved opcode
 * makes Helidon write an HTTP 500 response onto the WebSocket instead of failing the connection with 1002. Such a
 * frame and what follows is never passed on; {@link #refusal()} says why. (Reserved bits Helidon refuses itself,
 * with 1002.) {@code HelidonReachesTest} checks that Helidon still mishandles reserved opcodes, so that this part
 * goes once it does not.
 */
final class RawTextFrames {
    private static final int NONE = 0;
    private static final int TEXT = 1;
    private static final int BINARY = 2;

    private final long maxFrameLength;
    private final ArrayDeque<byte[]> payloads = new ArrayDeque<>();
    private final byte[] header = new byte[14];
    private int headerRead;
    private int headerLength = 2;
    private boolean inPayload;
    private long payloadLeft;
    private long payloadIndex;
    private byte[] mask;
    private boolean fin;
    private int opcode;
    private ByteArrayOutputStream captured;  // the frame's unmasked payload, null when it is not kept
    private int message = NONE;  // the kind of the data message in progress, as Helidon tracks it
    private String refusal;

    RawTextFrames(long maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * Bytes just read from the client, in order.
     *
     * @return how many of them, from {@code offset}, may be passed on: all, unless a refused frame starts among them
     */
    int accept(byte[] bytes, int offset, int length) {
        if (refusal != null) {
            return 0;
        }
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (!inPayload) {
                if (headerRead == 0) {
                    refusal = refusal(bytes[i]);
                    if (refusal != null) {
                        return i - offset;
                    }
                }
                header[headerRead++] = bytes[i++];
                if (headerRead == 2) {
                    headerLength = headerLength(header[1]);
                }
                if (headerRead == headerLength) {
                    startPayload();
                }
            } else {
                int n = (int) Math.min(payloadLeft, end - i);
                if (captured != null) {
                    for (int k = 0; k < n; k++) {
                        byte b = bytes[i + k];
                        captured.write(mask == null ? b : b ^ mask[(int) ((payloadIndex + k) & 3)]);
                    }
                }
                i += n;
                payloadIndex += n;
                payloadLeft -= n;
                if (payloadLeft == 0) {
                    endFrame();
                }
            }
        }
        return length;
    }

    /** Why the client's frames stopped being passed on, or {@code null} while they are. */
    String refusal() {
        return refusal;
    }

    private static String refusal(byte first) {
        int opcode = first & 0x0F;
        return opcode <= 0x2 || (opcode >= 0x8 && opcode <= 0xA) ? null : "Reserved opcode " + opcode;
    }

    /** The raw payload of the next text frame Helidon delivers, or {@code null} if none was read. */
    byte[] next() {
        return payloads.poll();
    }

    private static int headerLength(byte second) {
        int length7 = second & 0x7F;
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + ((second & 0x80) != 0 ? 4 : 0);
    }

    private void startPayload() {
        fin = (header[0] & 0x80) != 0;
        opcode = header[0] & 0x0F;
        int length7 = header[1] & 0x7F;
        int at = 2;
        long length = length7;
        if (length7 == 126) {
            length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            at = 4;
        } else if (length7 == 127) {
            length = 0;
            for (int k = 0; k < 8; k++) {
                length = (length << 8) | (header[2 + k] & 0xFF);
            }
            at = 10;
        }
        mask = (header[1] & 0x80) != 0 ? new byte[] {header[at], header[at + 1], header[at + 2], header[at + 3]} : null;
        boolean text = switch (opcode) {
            case 0x0 -> message == TEXT;
            case 0x1 -> {
                message = TEXT;
                yield true;
            }
            case 0x2 -> {
                message = BINARY;
                yield false;
            }
            default -> false;
        };
        captured = text && length >= 0 && length <= maxFrameLength ? new ByteArrayOutputStream((int) length) : null;
        payloadLeft = length < 0 ? Long.MAX_VALUE : length;  // Helidon refuses such a frame and closes
        payloadIndex = 0;
        headerRead = 0;
        headerLength = 2;
        inPayload = true;
        if (payloadLeft == 0) {
            endFrame();
        }
    }

    private void endFrame() {
        if (captured != null) {
            payloads.add(captured.toByteArray());
            captured = null;
        }
        if (opcode == 0x0 && fin) {
            message = NONE;
        }
        inPayload = false;
    }
}
