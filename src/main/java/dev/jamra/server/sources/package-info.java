/**
 * Where manga come from: the {@link dev.jamra.server.sources.MangaSource} plug-in interface (found with
 * {@link java.util.ServiceLoader}), the registry of installed sources, the model they answer in, the
 * {@code /api/extensions}, {@code /api/catalog} and {@code /api/installer} routes, fetching page images from the
 * web ({@link dev.jamra.server.sources.PageFetcher}) and sending them to HTTP clients
 * ({@link dev.jamra.server.sources.PageSender}), and what every outbound request goes through: the
 * {@link dev.jamra.server.sources.OutboundGuard} (public addresses only unless configured, redirects checked) and
 * one {@link dev.jamra.server.sources.AnswerDeadline} per answer. {@link dev.jamra.server.sources.SourceCalls} tells
 * a source whether a person waits on a call. Covers a source serves itself are sent by the cover route with HTTP
 * validators, and named to clients by URLs of this server ({@link dev.jamra.server.sources.SourceCovers}), which the
 * library also uses for items stored without one.
 *
 * <p>Each source lives in a sub-package ({@code local}, {@code mangadex}). This package keeps no database
 * table and decides nothing about the library or downloads.
 */
package dev.jamra.server.sources;
