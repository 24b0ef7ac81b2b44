package dev.jamra.server.library;

import java.util.Optional;

/**
 * The cover a manga's source offers when its library item was added without one (the source serves it itself,
 * such as the local library's), as a URL for a client that reached the server at {@code serverBase}. The library
 * stores what clients give; this fills the answers for items that have nothing stored, so such an item shows its
 * cover whenever the source has one, whatever it had when it was added.
 */
@FunctionalInterface
public interface DefaultCovers {

    Optional<String> coverUrl(String extensionId, String mangaId, String serverBase);
}
