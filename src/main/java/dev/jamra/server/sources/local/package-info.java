/**
 * The built-in {@code local} source: manga in a folder on disk ({@code sources.local.dir}), a sub-folder per
 * manga, a sub-folder or {@code .cbz} archive per chapter, images as pages, in natural order. Every path is
 * resolved and checked to stay inside the folder ({@link dev.jamra.server.sources.local.LocalFolder}).
 *
 * <p>Covers and metadata come from the files other readers keep there: {@code cover.<ext>} or the first page
 * ({@link dev.jamra.server.sources.local.LocalCover}), Mihon's {@code details.json}
 * ({@link dev.jamra.server.sources.local.MihonDetails}) and the Anansi project's {@code ComicInfo.xml}
 * ({@link dev.jamra.server.sources.local.ComicInfoXml}, a parser that refuses DTDs), gathered by
 * {@link dev.jamra.server.sources.local.MetadataReader}. A file that cannot be used becomes a warning, never a
 * failure of the listing.
 *
 * <p>It only reads: it never writes, moves or extracts anything in the folder. What the metadata files say is kept
 * in memory while their times and sizes are unchanged ({@link dev.jamra.server.sources.local.LocalMetadata}, a
 * bounded {@link dev.jamra.server.sources.local.StampedCache}); there is no index on disk.
 */
package dev.jamra.server.sources.local;
