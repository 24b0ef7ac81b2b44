package dev.jamra.server.events;

import java.util.Objects;
import java.util.Optional;

/** The fields of a library item that an update changed, with their new values; absent when unchanged. */
public record LibraryChanges(Optional<String> status, Optional<Boolean> favorite) {

    public LibraryChanges {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(favorite, "favorite");
    }

    public boolean isEmpty() {
        return status.isEmpty() && favorite.isEmpty();
    }
}
