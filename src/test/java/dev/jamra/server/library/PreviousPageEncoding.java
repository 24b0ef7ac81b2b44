package dev.jamra.server.library;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.jamra.server.storage.Database;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * A page of the library as {@code GET /api/library} encoded it before pages were streamed: the items read into
 * {@link LibraryItem}s (text decoded by the JDBC driver, dates parsed), each made a {@code JsonObject} by
 * {@link LibraryJson#item}, the page an object of them, written by the JSON-P writer as Helidon's media support
 * writes a {@code JsonObject}. What the streamed page must equal byte for byte.
 */
final class PreviousPageEncoding {
    private PreviousPageEncoding() {
    }

    static byte[] page(Database db, LibraryQuery query, NewChapterCounts newChapters, DefaultCovers covers,
                       String serverBase) {
        LibraryRepository items = new LibraryRepository();
        JsonObject page = db.read(c -> {
            List<LibraryItem> listed = items.list(c, query);
            int total = items.count(c, query);
            Map<String, Integer> counts = newChapters.newChapterCounts(c);
            JsonArrayBuilder array = JSON.createArrayBuilder();
            for (LibraryItem item : listed) {
                LibraryItem shown = item.coverUrl().isPresent() ? item
                        : covers.coverUrl(item.extensionId(), item.mangaId(), serverBase).map(item::withCoverUrl)
                                .orElse(item);
                array.add(LibraryJson.item(shown, counts.getOrDefault(item.id(), 0)));
            }
            JsonObjectBuilder json = JSON.createObjectBuilder().add("items", array).add("total", total);
            query.limit().ifPresent(limit -> json.add("limit", limit));
            return json.add("offset", query.offset()).build();
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JSON.createWriterFactory(Map.of()).createWriter(out, StandardCharsets.UTF_8).write(page);
        return out.toByteArray();
    }
}
