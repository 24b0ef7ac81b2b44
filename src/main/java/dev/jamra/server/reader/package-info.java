/**
 * {@code /api/reader}: a library item's chapters as the reader shows them, with page URLs, and the page images,
 * from disk when the chapter is downloaded, else from its source. Serving a page records reading progress; other
 * features that serve pages (the OPDS catalog's page streams) go through the same {@code ReaderPages}, and the
 * chapter exporter reads a chapter's pages through {@code ReaderService.pages}.
 *
 * <p>It stores nothing of its own: it reads through {@code downloads}, {@code sources} and {@code library}.
 */
package dev.jamra.server.reader;
