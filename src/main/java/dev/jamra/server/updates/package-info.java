/**
 * Library updates: checks of the library's items for new chapters, on demand ({@code POST /api/library/updates})
 * and every {@code library.update-interval}; the feed of the chapters they found and the state of the last check
 * ({@code /api/library/updates}); the {@code library:update:progress}, {@code library:chapters:new} and
 * {@code manga:updated} events; and the automatic download of new chapters ({@code downloads.auto-download-new}).
 *
 * <p>It keeps the {@code library_update_*}, {@code library_known_chapters} and {@code library_new_chapters} tables
 * ({@link dev.jamra.server.updates.UpdateRepository}): each item's result commits in one transaction, so a check
 * cut short by a stop or a crash keeps what it found and never calls the same chapter new twice.
 *
 * <p>It asks sources through {@code sources.SourceRegistry} ({@code MangaSource.latestChapters}, paced by
 * {@code MangaSource.requestInterval}), reads and announces library items through {@code library.LibraryService},
 * hears of opened chapters as a {@code library.ChapterOpenedListener}, and queues downloads through
 * {@link dev.jamra.server.updates.NewChapterDownloads}, which {@code Main} connects to the download queue.
 */
package dev.jamra.server.updates;
