package dev.jamra.server.downloads;

import java.util.Objects;

/** What downloads and the reader need of a library item. */
public record LibraryItemRef(String id, String mangaId, String extensionId) {

    public LibraryItemRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mangaId, "mangaId");
        Objects.requireNonNull(extensionId, "extensionId");
    }
}
