package dev.jamra.server.events;

import java.util.Objects;
import java.util.Optional;

/** A library item as the events show it; {@code status} is the lower-case API enumeration. */
public record LibrarySnapshot(String libraryId, String mangaId, String extensionId, String title,
                              Optional<String> coverUrl, String status, boolean favorite, long timestamp) {

    public LibrarySnapshot {
        FieldChecks.nonEmpty(libraryId, "libraryId");
        FieldChecks.nonEmpty(mangaId, "mangaId");
        FieldChecks.nonEmpty(extensionId, "extensionId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(coverUrl, "coverUrl");
        FieldChecks.nonEmpty(status, "status");
    }
}
