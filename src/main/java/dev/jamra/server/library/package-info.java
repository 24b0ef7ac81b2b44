/**
 * The reader's library: its items, their reading progress per chapter, and the {@code /api/library} routes. It
 * keeps the {@code library} and {@code reading_progress} tables and publishes the {@code library:*} events once
 * a change has committed. {@code LibraryBrowser} reads it for features that present it elsewhere (the OPDS
 * catalog).
 *
 * <p>It knows nothing of downloads: another feature that must clean up before an item goes registers a
 * {@link dev.jamra.server.library.LibraryRemovalHook}.
 */
package dev.jamra.server.library;
