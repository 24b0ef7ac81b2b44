package dev.jamra.server.events;

import java.util.Objects;

/** An item changed: {@code item} is its state afterwards, {@code changes} only what differs. */
public record LibraryItemUpdated(LibrarySnapshot item, LibraryChanges changes) implements LibraryEvent {

    public LibraryItemUpdated {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(changes, "changes");
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("an update event needs at least one change");
        }
    }

    @Override
    public String name() {
        return EventNames.LIBRARY_ITEM_UPDATED;
    }
}
