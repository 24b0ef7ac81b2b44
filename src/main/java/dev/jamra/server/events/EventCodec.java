package dev.jamra.server.events;

import java.io.StringWriter;
import java.util.Map;

import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * The JSON form of every event: the envelope {@code {event, data, timestamp[, seq]}} and each payload, as
 * docs/PROTOCOL.md defines them. The only place that knows field names on the wire. Thread-safe.
 */
public final class EventCodec {
    private final JsonGeneratorFactory generators = JSON.createGeneratorFactory(Map.of());

    /** The envelope of an event for one connection. */
    public String encode(SessionEvent event, long sentAt) {
        return envelope(event, sentAt, false, 0);
    }

    /** The envelope of a broadcast, numbered {@code seq}. */
    public String encode(BroadcastEvent event, long sentAt, long seq) {
        return envelope(event, sentAt, true, seq);
    }

    private String envelope(Event event, long sentAt, boolean withSeq, long seq) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = generators.createGenerator(out)) {
            json.writeStartObject();
            json.write("event", event.name());
            json.writeStartObject("data");
            writeData(json, event);
            json.writeEnd();
            json.write("timestamp", sentAt);
            if (withSeq) {
                json.write("seq", seq);
            }
            json.writeEnd();
        }
        return out.toString();
    }

    private static void writeData(JsonGenerator json, Event event) {
        switch (event) {
            case Connected e -> {
                json.write("message", e.message())
                        .write("sessionId", e.sessionId())
                        .write("epoch", e.epoch())
                        .write("seq", e.seq());
                e.resume().ifPresent(resume -> {
                    json.write("resumed", resume.resumed());
                    if (resume.resumed()) {
                        json.write("replayed", resume.replayed());
                    }
                    resume.reason().ifPresent(reason -> json.write("reason", reason.wireName()));
                });
            }
            case SubscriptionAck e -> {
                json.write("action", e.action().wireName())
                        .write("type", e.type())
                        .write("downloadId", e.downloadId());
                e.snapshot().ifPresent(snapshot -> {
                    json.writeStartObject("snapshot").write("event", snapshot.event().name());
                    json.writeStartObject("data");
                    writeData(json, snapshot.event());
                    json.writeEnd().write("seq", snapshot.seq()).writeEnd();
                });
            }
            case ErrorEvent e -> json.write("message", e.message());
            case DownloadStarted e -> json.write("downloadId", e.downloadId())
                    .write("mangaId", e.mangaId())
                    .write("chapterId", e.chapterId())
                    .write("timestamp", e.timestamp());
            case DownloadProgress e -> json.write("downloadId", e.downloadId())
                    .write("chapterId", e.chapterId())
                    .write("currentPage", e.currentPage())
                    .write("totalPages", e.totalPages())
                    .write("percentage", e.percentage())
                    .write("timestamp", e.timestamp());
            case DownloadPageComplete e -> json.write("downloadId", e.downloadId())
                    .write("chapterId", e.chapterId())
                    .write("pageNumber", e.pageNumber())
                    .write("timestamp", e.timestamp());
            case DownloadChapterComplete e -> json.write("downloadId", e.downloadId())
                    .write("chapterId", e.chapterId())
                    .write("totalPages", e.totalPages())
                    .write("timestamp", e.timestamp());
            case DownloadFailed e -> json.write("downloadId", e.downloadId())
                    .write("chapterId", e.chapterId())
                    .write("error", e.error())
                    .write("timestamp", e.timestamp());
            case DownloadCancelled e -> json.write("downloadId", e.downloadId())
                    .write("chapterId", e.chapterId())
                    .write("timestamp", e.timestamp());
            case LibraryItemAdded e -> writeSnapshot(json, e.item());
            case LibraryItemUpdated e -> {
                writeSnapshot(json, e.item());
                json.writeStartObject("changes");
                e.changes().status().ifPresent(status -> json.write("status", status));
                e.changes().favorite().ifPresent(favorite -> json.write("favorite", favorite));
                e.changes().newChapters().ifPresent(count -> json.write("newChapters", count));
                json.writeEnd();
            }
            case LibraryItemRemoved e -> json.write("libraryId", e.libraryId())
                    .write("mangaId", e.mangaId())
                    .write("extensionId", e.extensionId())
                    .write("title", e.title())
                    .write("timestamp", e.timestamp());
            case LibraryProgressUpdated e -> {
                json.write("libraryId", e.libraryId()).write("chapterId", e.chapterId());
                e.chapterNumber().ifPresent(number -> json.write("chapterNumber", number));
                json.write("pageNumber", e.pageNumber());
                e.totalPages().ifPresent(total -> json.write("totalPages", total));
                json.write("completed", e.completed()).write("timestamp", e.timestamp());
            }
            case LibraryUpdateProgress e -> json.write("running", e.running())
                    .write("checked", e.checked())
                    .write("total", e.total())
                    .write("timestamp", e.timestamp());
            case LibraryChaptersNew e -> {
                json.write("libraryId", e.libraryId())
                        .write("mangaId", e.mangaId())
                        .write("extensionId", e.extensionId())
                        .write("title", e.title())
                        .writeStartArray("chapters");
                for (LibraryChaptersNew.NewChapter chapter : e.chapters()) {
                    json.writeStartObject().write("id", chapter.id()).write("chapterNumber", chapter.chapterNumber());
                    chapter.title().ifPresent(title -> json.write("title", title));
                    json.writeEnd();
                }
                json.writeEnd().write("timestamp", e.timestamp());
            }
            case MangaUpdated e -> {
                json.write("mangaId", e.mangaId()).writeStartArray("changes");
                e.changes().forEach(json::write);
                json.writeEnd().write("timestamp", e.timestamp());
            }
        }
    }

    private static void writeSnapshot(JsonGenerator json, LibrarySnapshot item) {
        json.write("libraryId", item.libraryId())
                .write("mangaId", item.mangaId())
                .write("extensionId", item.extensionId())
                .write("title", item.title());
        item.coverUrl().ifPresent(url -> json.write("coverUrl", url));
        json.write("status", item.status())
                .write("favorite", item.favorite())
                .write("timestamp", item.timestamp());
    }
}
