package dev.jamra.load;

import java.nio.charset.StandardCharsets;

/**
 * Pulls the few fields the tool needs out of a server message without building a JSON tree: the event name,
 * the envelope's {@code seq}, and {@code data.timestamp} and {@code data.libraryId}. Cheap enough to run on
 * every delivery, so that parsing does not make the tool the bottleneck.
 */
final class MessageScan {
    String event;
    long seq;
    long dataTimestamp;
    String libraryId;

    private byte[] json;
    private int pos;
    private int end;

    /** Scans one message; returns false if it is not a JSON object. */
    boolean scan(byte[] bytes, int offset, int length) {
        json = bytes;
        pos = offset;
        end = offset + length;
        event = null;
        seq = -1;
        dataTimestamp = -1;
        libraryId = null;
        try {
            skipSpace();
            if (peek() != '{') {
                return false;
            }
            object(0);
            return true;
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            return false;
        }
    }

    private void object(int depth) {
        pos++;  // {
        skipSpace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            pos++;  // :
            skipSpace();
            value(depth, key);
            skipSpace();
            byte c = json[pos++];
            if (c == '}') {
                return;
            }
        }
    }

    private void value(int depth, String key) {
        byte c = peek();
        if (c == '{') {
            if (depth == 0 && "data".equals(key)) {
                object(1);
            } else {
                skipNested();
            }
        } else if (c == '[') {
            skipNested();
        } else if (c == '"') {
            String s = string();
            if (depth == 0 && "event".equals(key)) {
                event = s;
            } else if (depth == 1 && "libraryId".equals(key)) {
                libraryId = s;
            }
        } else {
            int start = pos;
            while (pos < end && ",}] \n\r\t".indexOf(json[pos]) < 0) {
                pos++;
            }
            if (depth == 0 && "seq".equals(key)) {
                seq = Long.parseLong(new String(json, start, pos - start, StandardCharsets.US_ASCII));
            } else if (depth == 1 && "timestamp".equals(key)) {
                dataTimestamp = Long.parseLong(new String(json, start, pos - start, StandardCharsets.US_ASCII));
            }
        }
    }

    private String string() {
        pos++;  // opening quote
        int start = pos;
        boolean escaped = false;
        while (json[pos] != '"') {
            if (json[pos] == '\\') {
                escaped = true;
                pos++;
            }
            pos++;
        }
        String s = new String(json, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return escaped ? s.replace("\\\"", "\"").replace("\\\\", "\\") : s;
    }

    private void skipNested() {
        int level = 0;
        do {
            byte c = json[pos];
            if (c == '"') {
                string();
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

    private byte peek() {
        return json[pos];
    }
}
