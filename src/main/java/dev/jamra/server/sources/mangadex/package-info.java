/**
 * The built-in {@code mangadex} source: search, details and chapter pages through MangaDex's public API, within
 * its published rate limits, with short-lived caching of answers. Nothing is sent to MangaDex until someone
 * searches or reads.
 *
 * <p>It does not download page images itself: it lists their URLs, which {@code sources.PageFetcher} fetches.
 */
package dev.jamra.server.sources.mangadex;
