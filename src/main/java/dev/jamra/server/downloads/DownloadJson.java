package dev.jamra.server.downloads;

import java.util.List;

import dev.jamra.server.storage.IsoTime;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import static dev.jamra.server.web.JsonFactory.JSON;

/** The JSON shapes of docs/API.md for downloads and their pages; absent optional fields are left out. */
final class DownloadJson {
    private DownloadJson() {
    }

    static JsonObject download(Download download) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", download.id())
                .add("libraryId", download.libraryId())
                .add("chapterId", download.chapterId());
        if (download.chapterNumber() != null) {
            json.add("chapterNumber", download.chapterNumber());
        }
        json.add("extensionId", download.extensionId())
                .add("status", download.status().wireName())
                .add("progress", download.progress());
        if (download.totalPages() != null) {
            json.add("totalPages", download.totalPages());
        }
        if (download.error() != null) {
            json.add("error", download.error());
        }
        json.add("createdAt", IsoTime.format(download.createdAt()));
        if (download.startedAt() != null) {
            json.add("startedAt", IsoTime.format(download.startedAt()));
        }
        if (download.completedAt() != null) {
            json.add("completedAt", IsoTime.format(download.completedAt()));
        }
        return json.build();
    }

    static JsonArrayBuilder downloads(List<Download> downloads) {
        JsonArrayBuilder json = JSON.createArrayBuilder();
        downloads.forEach(download -> json.add(download(download)));
        return json;
    }

    static JsonObject page(DownloadedPage page) {
        return JSON.createObjectBuilder()
                .add("id", page.id())
                .add("downloadId", page.downloadId())
                .add("pageNumber", page.pageNumber())
                .add("pageUrl", page.pageUrl())
                .add("filePath", page.filePath())
                .add("fileSize", page.fileSize())
                .add("downloadedAt", IsoTime.format(page.downloadedAt()))
                .build();
    }
}
