/**
 * Chapters as {@code .cbz} files: {@code GET /api/library/:libraryId/chapters/:chapterId/cbz} streams a stored
 * (uncompressed) ZIP of the chapter's pages in reading order with a {@code ComicInfo.xml} (Anansi ComicInfo schema
 * v2.0), a downloaded chapter from disk, any other straight from its source. One page at a time is on disk (a
 * source's page in the data folder's scratch area), none in memory, whatever the chapter's size.
 *
 * <p>It reads the chapter's pages through {@code reader} (the same choice of disk or source as the reader makes),
 * its metadata through {@code sources}, and stores nothing.
 */
package dev.jamra.server.cbz;
