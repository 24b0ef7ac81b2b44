package dev.jamra.load;

import java.nio.charset.StandardCharsets;

/**
 * Finds the few fields the tool needs in a server message without building a JSON tree or any string: the
 * event name, the envelope's {@code seq}, and {@code data.timestamp} and {@code data.libraryId}, as positions
 * in the message bytes. Cheap enough to run on every delivery, so that the tool's own CPU stays small next to
 * the server's on a shared machine.
 */
final class MessageScan {
    private static final byte[] EVENT = bytes("event");
    private static final byte[] DATA = bytes("data");
    private static final byte[] SEQ = bytes("seq");
    private static final byte[] TIMESTAMP = bytes("timestamp");
    private static final byte[] LIBRARY_ID = bytes("libraryId");

    long seq;
    long dataTimestamp;

    private byte[] json;
    private int pos;
    private int end;
    private int eventStart = -1;
    private int eventLength;
    private int libraryIdStart = -1;
    private int libraryIdLength;

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Scans one message; returns false if it is not a JSON object. */
    boolean scan(byte[] bytes, int offset, int length) {
        json = bytes;
        pos = offset;
        end = offset + length;
        eventStart = -1;
        libraryIdStart = -1;
        seq = -1;
        dataTimestamp = -1;
        try {
            skipSpace();
            if (json[pos] != '{') {
                return false;
            }
            object(0);
            return true;
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            return false;
        }
    }

    /** Whether the event name is {@code name} (UTF-8 bytes, no escapes). */
    boolean eventIs(byte[] name) {
        return eventStart >= 0 && regionEquals(eventStart, eventLength, name);
    }

    /** Whether {@code data.libraryId} is {@code id} (UTF-8 bytes, no escapes). */
    boolean libraryIdIs(byte[] id) {
        return libraryIdStart >= 0 && regionEquals(libraryIdStart, libraryIdLength, id);
    }

    private void object(int depth) {
        pos++;  // {
        skipSpace();
        if (json[pos] == '}') {
            pos++;
            return;
        }
        while (true) {
            skipSpace();
            int keyStart = pos + 1;
            int keyLength = skipString();
            skipSpace();
            pos++;  // :
            skipSpace();
            value(depth, keyStart, keyLength);
            skipSpace();
            if (json[pos++] == '}') {
                return;
            }
        }
    }

    private void value(int depth, int keyStart, int keyLength) {
        byte c = json[pos];
        if (c == '{') {
            if (depth == 0 && regionEquals(keyStart, keyLength, DATA)) {
                object(1);
            } else {
                skipNested();
            }
        } else if (c == '[') {
            skipNested();
        } else if (c == '"') {
            int start = pos + 1;
            int length = skipString();
            if (depth == 0 && regionEquals(keyStart, keyLength, EVENT)) {
                eventStart = start;
                eventLength = length;
            } else if (depth == 1 && regionEquals(keyStart, keyLength, LIBRARY_ID)) {
                libraryIdStart = start;
                libraryIdLength = length;
            }
        } else {
            long number = 0;
            boolean negative = json[pos] == '-';
            if (negative) {
                pos++;
            }
            boolean integral = true;
            while (pos < end && ",}] \n\r\t".indexOf(json[pos]) < 0) {
                byte d = json[pos++];
                if (d >= '0' && d <= '9' && integral) {
                    number = number * 10 + (d - '0');
                } else {
                    integral = false;  // fractions, exponents, true/false/null: not a field we read
                }
            }
            if (integral) {
                if (depth == 0 && regionEquals(keyStart, keyLength, SEQ)) {
                    seq = negative ? -number : number;
                } else if (depth == 1 && regionEquals(keyStart, keyLength, TIMESTAMP)) {
                    dataTimestamp = negative ? -number : number;
                }
            }
        }
    }

    /** Skips a string starting at its opening quote; returns the length of its raw content. */
    private int skipString() {
        int start = ++pos;
        while (json[pos] != '"') {
            if (json[pos] == '\\') {
                pos++;
            }
            pos++;
        }
        int length = pos - start;
        pos++;
        return length;
    }

    private void skipNested() {
        int level = 0;
        do {
            byte c = json[pos];
            if (c == '"') {
                skipString();
                continue;
            }
            if (c == '{' || c == '[') {
                level++;
            } else if (c == '}' || c == ']') {
                level--;
            }
            pos++;
        } while (level > 0);
    }

    private void skipSpace() {
        while (pos < end && (json[pos] == ' ' || json[pos] == '\n' || json[pos] == '\r' || json[pos] == '\t')) {
            pos++;
        }
    }

    private boolean regionEquals(int start, int length, byte[] expected) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (json[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
