package dev.jamra.server.events;

import java.util.Optional;

/**
 * How far the check for new chapters has got: {@code checked} of {@code total} library items. Published as it
 * starts, after each item and, with {@code running} false, as it ends. Only the latest matters, so a slow client
 * gets the newest waiting one.
 */
public record LibraryUpdateProgress(boolean running, int checked, int total, long timestamp) implements LibraryEvent {

    private static final Optional<CoalesceKey> KEY =
            Optional.of(new CoalesceKey(EventNames.LIBRARY_UPDATE_PROGRESS, ""));

    public LibraryUpdateProgress {
        FieldChecks.atLeast(checked, 0, "checked");
        FieldChecks.atLeast(total, checked, "total");
    }

    @Override
    public String name() {
        return EventNames.LIBRARY_UPDATE_PROGRESS;
    }

    /** One check runs at a time: every progress report replaces the one before. */
    @Override
    public Optional<CoalesceKey> coalesceKey() {
        return KEY;
    }
}
