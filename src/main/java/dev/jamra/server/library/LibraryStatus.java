package dev.jamra.server.library;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a reader stands with a manga; on the wire and in the database as its lower-case name. */
public enum LibraryStatus {
    READING("reading"),
    PLAN_TO_READ("plan_to_read"),
    COMPLETED("completed"),
    DROPPED("dropped"),
    ON_HOLD("on_hold");

    /** Every wire name, for error messages. */
    static final String CHOICES = Arrays.stream(values()).map(LibraryStatus::wireName)
            .collect(Collectors.joining(", "));

    private final String wireName;

    LibraryStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<LibraryStatus> fromWire(String name) {
        return Arrays.stream(values()).filter(status -> status.wireName.equals(name)).findFirst();
    }
}
