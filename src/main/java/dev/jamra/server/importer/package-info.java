/**
 * Carrying the original Node.js server's data over: its {@code manga.db}, opened read-only, and its downloaded
 * page files, copied. It runs from {@code bin/import-jamra} ({@link dev.jamra.server.importer.ImportCommand}) or by
 * itself when the server first starts on the original's data folder
 * ({@link dev.jamra.server.importer.FirstStartImport}, which builds {@code jamra.db} apart and renames it into place
 * only once the import committed, or marks the import pending for the next start). An import plans row by row,
 * never overwrites what is there (but repairs the failed placeholders it added itself), and changes our database in
 * one transaction. Its page copies go into download folders through {@code downloads.DownloadFolders}, so the
 * server's ownership rules hold for them too.
 *
 * <p>It writes on the import's own connection and transaction (with SQL of its own, and the library's repository
 * where that fits), not through the feature services, so it publishes no events; it never changes the
 * original's files.
 */
package dev.jamra.server.importer;
