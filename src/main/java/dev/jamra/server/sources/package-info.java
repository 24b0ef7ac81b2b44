/**
 * Where manga come from: the {@link dev.jamra.server.sources.MangaSource} plug-in interface (found with
 * {@link java.util.ServiceLoader}), the registry of installed sources, the model they answer in, the
 * {@code /api/extensions}, {@code /api/catalog} and {@code /api/installer} routes, and fetching page images from the
 * web ({@link dev.jamra.server.sources.PageFetcher}, which reaches only public addresses unless configured).
 *
 * <p>Each source lives in a sub-package ({@code local}, {@code mangadex}). This package keeps no database
 * table and decides nothing about the library or downloads.
 */
package dev.jamra.server.sources;
