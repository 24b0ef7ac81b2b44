/**
 * The reader's library: its items, their reading progress per chapter, and the {@code /api/library} routes. It
 * keeps the {@code library} and {@code reading_progress} tables and publishes the {@code library:*} events once
 * a change has committed.
 *
 * <p>It knows nothing of downloads: another feature that must clean up before an item goes registers a
 * {@link dev.jamra.server.library.LibraryRemovalHook}. Nor of sources: the cover shown for an item stored without
 * one comes through {@link dev.jamra.server.library.DefaultCovers}.
 */
package dev.jamra.server.library;
