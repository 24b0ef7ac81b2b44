/**
 * The built-in {@code mangadex} source: search, details and chapter pages through MangaDex's public API, within
 * its published rate limits (a person's request waits a bounded time, a download's goes first), with short-lived
 * caching of answers, every request under the server's outbound guard and one deadline per answer. Nothing is sent
 * to MangaDex until someone searches or reads.
 *
 * <p>It does not download page images itself: it lists their URLs, which {@code sources.PageFetcher} fetches.
 */
package dev.jamra.server.sources.mangadex;
