package dev.jamra.server.downloads;

import java.time.Instant;

/**
 * A page stored on disk.
 *
 * @param pageNumber from 1
 * @param pageUrl    where it came from
 * @param filePath   its file, relative to the downloads folder ({@code <download id>/page_001.png})
 */
public record DownloadedPage(String id, String downloadId, int pageNumber, String pageUrl, String filePath,
                             long fileSize, Instant downloadedAt) {
}
