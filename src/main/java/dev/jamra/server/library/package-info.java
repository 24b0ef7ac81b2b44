/**
 * The reader's library: its items, their reading progress per chapter, and the {@code /api/library} routes. It
 * keeps the {@code library} and {@code reading_progress} tables and publishes the {@code library:item:*} and
 * {@code library:progress:updated} events once a change has committed. {@code LibraryBrowser} reads it for
 * features that present it elsewhere (the OPDS catalog).
 *
 * <p>It knows nothing of downloads or update checks: another feature that must clean up before an item goes
 * registers a {@link dev.jamra.server.library.LibraryRemovalHook}; one that cares when a chapter is opened, a
 * {@link dev.jamra.server.library.ChapterOpenedListener}. The items' {@code newChapters} come from the
 * {@code updates} feature through {@link dev.jamra.server.library.NewChapterCounts}, and it asks the library to
 * announce a changed count ({@link dev.jamra.server.library.LibraryService#announceNewChapters}). Nor does it know
 * sources: the cover shown for an item stored without one comes through
 * {@link dev.jamra.server.library.DefaultCovers}.
 *
 * <p>A listing is written as it is read, each item's JSON mostly as SQLite makes it
 * ({@link dev.jamra.server.library.StoredItems}, {@link dev.jamra.server.library.PageJson}): the same bytes the
 * item's {@code JsonObject} would be, with no object per item, so that the whole library costs a few chunks of
 * memory and little more time than its copying.
 */
package dev.jamra.server.library;
