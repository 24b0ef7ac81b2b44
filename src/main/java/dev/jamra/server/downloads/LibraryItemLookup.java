package dev.jamra.server.downloads;

import java.util.Optional;

/** Looks up library items: downloads and the reader need to know which manga of which source an item is. */
@FunctionalInterface
public interface LibraryItemLookup {

    Optional<LibraryItemRef> find(String libraryId);
}
