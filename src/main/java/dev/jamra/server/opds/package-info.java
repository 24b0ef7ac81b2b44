/**
 * The OPDS catalog, for reading apps on other devices (KOReader, Panels, Chunky...): {@code /opds} in OPDS 1.2
 * (Atom) with an OpenSearch description, {@code /opds/v2} in OPDS 2.0 (JSON), the same tree in both. The root
 * lists the library's shelves ({@link dev.jamra.server.opds.Shelf}); a shelf lists titles a page at a time; a
 * title lists its chapters, each with a {@code .cbz} acquisition link and an OPDS-PSE page stream whose pages go
 * through the reader's own page path, so reading on a device records progress as reading in the app does.
 * Optional HTTP Basic authentication ({@code opds.username}, {@code opds.password}) guards everything a catalog
 * links to ({@link dev.jamra.server.opds.OpdsAccess}).
 *
 * <p>It stores nothing: it reads the library ({@code library}), chapters ({@code sources}, {@code downloads}) and
 * serves pages through {@code reader}.
 */
package dev.jamra.server.opds;
