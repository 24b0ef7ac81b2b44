package dev.jamra.server.downloads;

import dev.jamra.server.sources.PageFetcher;
import dev.jamra.server.sources.SourceRegistry;

/**
 * Where a chapter's pages come from: the sources that list them, the fetcher that brings each one in, and the
 * {@code downloads.*} settings for how often a page is tried again.
 */
record PageSupply(SourceRegistry sources, PageFetcher fetcher, DownloadSettings settings) {
}
