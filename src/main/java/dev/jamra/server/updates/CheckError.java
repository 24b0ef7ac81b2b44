package dev.jamra.server.updates;

import java.util.Objects;

/** A library item a check could not check, and why, in a sentence for people (no paths, no exception text). */
public record CheckError(String libraryId, String title, String message) {

    public CheckError {
        Objects.requireNonNull(libraryId, "libraryId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
    }
}
