package dev.jamra.server.events;

import java.util.Objects;
import java.util.Optional;

/** A library item as the events show it; {@code status} is the lower-case API enumeration. */
public record LibrarySnapshot(String libraryId, String mangaId, String extensionId, String title,
                              Optional<String> coverUrl, String status, boolean favorite, long timestamp) {

    public LibrarySnapshot {
        Require.id(libraryId, "libraryId");
        Require.id(mangaId, "mangaId");
        Require.id(extensionId, "extensionId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(coverUrl, "coverUrl");
        Require.id(status, "status");
    }
}
