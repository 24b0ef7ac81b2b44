package dev.jamra.server.library;

import java.util.Objects;
import java.util.Optional;

/** What a client gives to add a manga to the library. */
record NewLibraryItem(String mangaId, String extensionId, String title, LibraryStatus status,
                      Optional<String> coverUrl) {

    NewLibraryItem {
        Objects.requireNonNull(mangaId, "mangaId");
        Objects.requireNonNull(extensionId, "extensionId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(coverUrl, "coverUrl");
    }
}
