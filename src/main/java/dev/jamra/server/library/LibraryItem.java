package dev.jamra.server.library;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.jamra.server.events.LibrarySnapshot;

/** A manga in the reader's library. {@code (mangaId, extensionId)} is unique. */
public record LibraryItem(String id, String mangaId, String extensionId, String title, Optional<String> coverUrl,
                          LibraryStatus status, boolean favorite, Instant dateAdded, Instant lastUpdated) {

    public LibraryItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mangaId, "mangaId");
        Objects.requireNonNull(extensionId, "extensionId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(coverUrl, "coverUrl");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dateAdded, "dateAdded");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
    }

    /** This item with a new status and favorite flag, changed at {@code at}. */
    LibraryItem changed(LibraryStatus newStatus, boolean newFavorite, Instant at) {
        return new LibraryItem(id, mangaId, extensionId, title, coverUrl, newStatus, newFavorite, dateAdded, at);
    }

    /** This item showing {@code url} as its cover. */
    LibraryItem withCoverUrl(String url) {
        return new LibraryItem(id, mangaId, extensionId, title, Optional.of(url), status, favorite, dateAdded,
                lastUpdated);
    }

    /** The item as events show it, stamped {@code timestamp} (epoch milliseconds). */
    LibrarySnapshot snapshot(long timestamp) {
        return new LibrarySnapshot(id, mangaId, extensionId, title, coverUrl, status.wireName(), favorite, timestamp);
    }
}
