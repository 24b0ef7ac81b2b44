package dev.jamra.server.events;

import java.util.Objects;

/**
 * An item changed: {@code item} is its state afterwards, {@code changes} only the fields that differ; empty when
 * only its last update time moved (someone read it).
 */
public record LibraryItemUpdated(LibrarySnapshot item, LibraryChanges changes) implements LibraryEvent {

    public LibraryItemUpdated {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(changes, "changes");
    }

    @Override
    public String name() {
        return EventNames.LIBRARY_ITEM_UPDATED;
    }
}
