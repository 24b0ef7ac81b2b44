package dev.jamra.server.events;

import java.util.Objects;

/** Argument checks shared by the event records, so a malformed event fails where it is made. */
final class FieldChecks {
    private FieldChecks() {
    }

    static String nonEmpty(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
        return value;
    }
}
