package dev.jamra.server.library;

import java.util.Objects;
import java.util.Optional;

/** The fields a client asks to set on an item; an empty field stays as it is. */
record LibraryUpdate(Optional<LibraryStatus> status, Optional<Boolean> favorite) {

    LibraryUpdate {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(favorite, "favorite");
    }
}
