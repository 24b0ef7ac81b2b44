package dev.jamra.server.events;

import java.util.Objects;
import java.util.Optional;

/**
 * The fields of a library item that an update changed, with their new values; absent when unchanged.
 * {@code newChapters} is the item's count of chapters found by library update checks and not opened since.
 */
public record LibraryChanges(Optional<String> status, Optional<Boolean> favorite, Optional<Integer> newChapters) {

    public LibraryChanges {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(favorite, "favorite");
        Objects.requireNonNull(newChapters, "newChapters");
        newChapters.ifPresent(count -> FieldChecks.atLeast(count, 0, "newChapters"));
    }

    /** A change of status or favorite flag, or none. */
    public LibraryChanges(Optional<String> status, Optional<Boolean> favorite) {
        this(status, favorite, Optional.empty());
    }

    /** The item's count of new chapters is now {@code count}. */
    public static LibraryChanges newChapters(int count) {
        return new LibraryChanges(Optional.empty(), Optional.empty(), Optional.of(count));
    }

    public boolean isEmpty() {
        return status.isEmpty() && favorite.isEmpty() && newChapters.isEmpty();
    }
}
