package dev.jamra.server.downloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.DownloadEvent;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.ChannelClient;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests and checks shared by the download tests. */
final class DownloadAssertions {
    static final Set<String> TERMINAL = Set.of("download:chapter:complete", "download:failed", "download:cancelled");

    private DownloadAssertions() {
    }

    /** The events published for one download, in order, each by its type's name ({@code DownloadStarted}...). */
    static List<String> eventsOf(List<BroadcastEvent> events, String downloadId) {
        return events.stream()
                .filter(event -> event instanceof DownloadEvent download && download.downloadId().equals(downloadId))
                .map(event -> event.getClass().getSimpleName())
                .toList();
    }

    /** Queues chapters; returns the 202 body's downloads by chapter id. */
    static Map<String, JsonObject> enqueue(RestClient http, String libraryId, String extensionId, String... chapterIds) {
        RestClient.Response response = http.post("/api/downloads", request(libraryId, extensionId, chapterIds).build());
        assertEquals(202, response.status(), response::body);
        Map<String, JsonObject> byChapter = new java.util.LinkedHashMap<>();
        for (JsonValue download : response.json().getJsonArray("downloads")) {
            byChapter.put(download.asJsonObject().getString("chapterId"), download.asJsonObject());
        }
        return byChapter;
    }

    static JsonObjectBuilder request(String libraryId, String extensionId, String... chapterIds) {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        for (String chapterId : chapterIds) {
            ids.add(chapterId);
        }
        return Json.createObjectBuilder()
                .add("libraryId", libraryId)
                .add("extensionId", extensionId)
                .add("chapterIds", ids);
    }

    /**
     * Reads download events until each of {@code downloadIds} had a terminal event (chapter complete, failed,
     * cancelled); returns every download event read, in arrival order.
     */
    static List<JsonObject> untilFinished(ChannelClient client, Set<String> downloadIds) {
        Set<String> open = new HashSet<>(downloadIds);
        List<JsonObject> events = new ArrayList<>();
        while (!open.isEmpty()) {
            JsonObject message = client.next();
            if (!message.getString("event").startsWith("download:")) {
                continue;
            }
            events.add(message);
            if (TERMINAL.contains(message.getString("event"))) {
                open.remove(message.getJsonObject("data").getString("downloadId"));
            }
        }
        return events;
    }

    static List<JsonObject> of(List<JsonObject> events, String downloadId) {
        return events.stream().filter(e -> e.getJsonObject("data").getString("downloadId").equals(downloadId)).toList();
    }

    /**
     * The whole life of a chapter of {@code totalPages} pages from page {@code firstPage}: started; per page progress
     * then page complete, percentages rising to 100; chapter complete.
     */
    static void assertCompleteRun(List<JsonObject> events, String downloadId, String mangaId, String chapterId,
                                  int totalPages) {
        assertEquals(2 + 2 * totalPages, events.size(), () -> "events of " + downloadId + ": " + events);
        JsonObject started = data(events.get(0), "download:started");
        assertEquals(downloadId, started.getString("downloadId"));
        assertEquals(mangaId, started.getString("mangaId"));
        assertEquals(chapterId, started.getString("chapterId"));
        assertTrue(started.getJsonNumber("timestamp").longValue() > 0);
        int lastPercentage = -1;
        for (int page = 1; page <= totalPages; page++) {
            JsonObject progress = data(events.get(2 * page - 1), "download:progress");
            assertEquals(downloadId, progress.getString("downloadId"));
            assertEquals(chapterId, progress.getString("chapterId"));
            assertEquals(page, progress.getInt("currentPage"));
            assertEquals(totalPages, progress.getInt("totalPages"));
            int percentage = progress.getInt("percentage");
            assertEquals(100 * page / totalPages, percentage);
            assertTrue(percentage > lastPercentage, "percentages rise");
            lastPercentage = percentage;
            JsonObject pageComplete = data(events.get(2 * page), "download:page:complete");
            assertEquals(downloadId, pageComplete.getString("downloadId"));
            assertEquals(chapterId, pageComplete.getString("chapterId"));
            assertEquals(page, pageComplete.getInt("pageNumber"));
        }
        assertEquals(100, lastPercentage);
        JsonObject complete = data(events.get(events.size() - 1), "download:chapter:complete");
        assertEquals(downloadId, complete.getString("downloadId"));
        assertEquals(chapterId, complete.getString("chapterId"));
        assertEquals(totalPages, complete.getInt("totalPages"));
    }

    static JsonObject data(JsonObject message, String event) {
        assertEquals(event, message.getString("event"), () -> "unexpected " + message);
        return message.getJsonObject("data");
    }

    /** A download's state from {@code GET /api/downloads/:id}. */
    static JsonObject download(RestClient http, String downloadId) {
        return http.getJson("/api/downloads/" + downloadId);
    }

    static Path folder(Path dataDir, String downloadId) {
        return dataDir.resolve("downloads").resolve(downloadId);
    }

    static boolean hasFiles(Path dataDir, String downloadId) {
        return Files.exists(folder(dataDir, downloadId));
    }

    /**
     * The names of the files in a download's folder but its ownership marker, sorted; asserts the marker is there
     * (the server made the folder).
     */
    static List<String> pageFiles(Path folder) throws java.io.IOException {
        assertTrue(java.nio.file.Files.isRegularFile(folder.resolve(DownloadFolders.MARKER)), folder + " is ours");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> !name.equals(DownloadFolders.MARKER))
                    .sorted().toList();
        }
    }
}
