package dev.jamra.server.updates;

import dev.jamra.server.storage.IsoTime;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import static dev.jamra.server.web.JsonFactory.JSON;

/** The JSON shapes of docs/API.md's Library updates section; absent optional fields are omitted. */
final class UpdatesJson {
    private UpdatesJson() {
    }

    static JsonObject status(CheckStatus status) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("running", status.running())
                .add("checked", status.checked())
                .add("total", status.total());
        status.startedAt().ifPresent(at -> json.add("startedAt", IsoTime.format(at)));
        status.finishedAt().ifPresent(at -> json.add("finishedAt", IsoTime.format(at)));
        JsonArrayBuilder errors = JSON.createArrayBuilder();
        status.errors().forEach(error -> errors.add(JSON.createObjectBuilder()
                .add("libraryId", error.libraryId())
                .add("title", error.title())
                .add("message", error.message())));
        return json.add("errors", errors).build();
    }

    static JsonObject feed(FeedPage page) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        page.items().forEach(entry -> items.add(entry(entry)));
        return JSON.createObjectBuilder()
                .add("items", items)
                .add("total", page.total())
                .add("limit", page.limit())
                .add("offset", page.offset())
                .build();
    }

    private static JsonObject entry(FeedEntry entry) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("libraryId", entry.libraryId())
                .add("mangaId", entry.mangaId())
                .add("extensionId", entry.extensionId())
                .add("title", entry.title())
                .add("chapterId", entry.chapterId())
                .add("chapterNumber", entry.chapterNumber());
        entry.chapterTitle().ifPresent(title -> json.add("chapterTitle", title));
        return json.add("foundAt", IsoTime.format(entry.foundAt()))
                .add("isNew", entry.isNew())
                .build();
    }
}
