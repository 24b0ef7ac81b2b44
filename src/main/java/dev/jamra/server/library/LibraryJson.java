package dev.jamra.server.library;

import java.util.List;

import dev.jamra.server.storage.IsoTime;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * The JSON shapes of docs/API.md's Library section; absent optional fields are omitted. Pages of items are written
 * by {@link PageJson}, in the same shape as {@link #item}.
 */
final class LibraryJson {
    private LibraryJson() {
    }

    /** The item with {@code newChapters}, its count of chapters found by update checks and not opened since. */
    static JsonObject item(LibraryItem item, int newChapters) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", item.id())
                .add("mangaId", item.mangaId())
                .add("extensionId", item.extensionId())
                .add("title", item.title());
        item.coverUrl().ifPresent(url -> json.add("coverUrl", url));
        return json.add("status", item.status().wireName())
                .add("favorite", item.favorite())
                .add("dateAdded", IsoTime.format(item.dateAdded()))
                .add("lastUpdated", IsoTime.format(item.lastUpdated()))
                .add("newChapters", newChapters)
                .build();
    }

    static JsonObject stats(LibraryStats stats) {
        return JSON.createObjectBuilder()
                .add("total", stats.total())
                .add("reading", stats.count(LibraryStatus.READING))
                .add("completed", stats.count(LibraryStatus.COMPLETED))
                .add("planToRead", stats.count(LibraryStatus.PLAN_TO_READ))
                .add("dropped", stats.count(LibraryStatus.DROPPED))
                .add("onHold", stats.count(LibraryStatus.ON_HOLD))
                .build();
    }

    static JsonObject progress(ReadingProgress progress) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", progress.id())
                .add("libraryId", progress.libraryId())
                .add("chapterId", progress.chapterId());
        progress.chapterNumber().ifPresent(number -> json.add("chapterNumber", number));
        json.add("pageNumber", progress.pageNumber());
        progress.totalPages().ifPresent(total -> json.add("totalPages", total));
        return json.add("lastRead", IsoTime.format(progress.lastRead()))
                .add("completed", progress.completed())
                .build();
    }

    static JsonArray progress(List<ReadingProgress> rows) {
        JsonArrayBuilder json = JSON.createArrayBuilder();
        rows.forEach(row -> json.add(progress(row)));
        return json.build();
    }
}
