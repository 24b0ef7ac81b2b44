package dev.jamra.server.events;

import java.util.Objects;

/** An item joined the library. */
public record LibraryItemAdded(LibrarySnapshot item) implements LibraryEvent {

    public LibraryItemAdded {
        Objects.requireNonNull(item, "item");
    }

    @Override
    public String name() {
        return EventNames.LIBRARY_ITEM_ADDED;
    }
}
