/**
 * Chapter downloads: queueing them ({@link dev.jamra.server.downloads.DownloadService}, the rules), running them on
 * a fixed number of workers, each run's life from its claim to its cleanup and its cancel in one owner
 * ({@link dev.jamra.server.downloads.DownloadRuns}), the pages of a chapter
 * ({@link dev.jamra.server.downloads.ChapterDownload}), storing them under {@code <data dir>/downloads} in folders the
 * server owns ({@link dev.jamra.server.downloads.DownloadFolders}: it deletes only what it created), and the
 * {@code /api/downloads} routes. It publishes the {@code download:*} events and keeps the {@code downloads} and
 * {@code download_pages} tables.
 *
 * <p>It does not fetch pages itself ({@code sources.PageFetcher} does, guarded against private addresses), know
 * what a source is beyond its id ({@code sources}), or deliver events to clients ({@code websocket}). It sees
 * library items only through {@link dev.jamra.server.downloads.LibraryItemLookup}, so it does not depend on
 * {@code library}.
 */
package dev.jamra.server.downloads;
