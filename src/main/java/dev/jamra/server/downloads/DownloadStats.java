package dev.jamra.server.downloads;

/** {@code GET /api/downloads/stats}: completed downloads, and the bytes of the pages on disk. */
public record DownloadStats(long downloadCount, long totalSize) {
}
