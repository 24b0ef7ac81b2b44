package dev.jamra.server.events;

import java.util.Objects;

/** An item left the library. */
public record LibraryItemRemoved(String libraryId, String mangaId, String extensionId, String title, long timestamp)
        implements LibraryEvent {

    public LibraryItemRemoved {
        FieldChecks.nonEmpty(libraryId, "libraryId");
        FieldChecks.nonEmpty(mangaId, "mangaId");
        FieldChecks.nonEmpty(extensionId, "extensionId");
        Objects.requireNonNull(title, "title");
    }

    @Override
    public String name() {
        return EventNames.LIBRARY_ITEM_REMOVED;
    }
}
