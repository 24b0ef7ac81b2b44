package dev.jamra.server.events;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jamra.server.testing.ChannelContract;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every event's wire form against the table in docs/PROTOCOL.md ("Server to client"): names, field names and JSON types. */
class EventCodecTest {
    private static final long AT = 1_736_545_554_631L;

    private enum Type { STRING, INTEGER, BOOLEAN, OBJECT, ARRAY }

    private final EventCodec codec = new EventCodec();

    private static Map<String, Type> fields(Object... nameTypePairs) {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            fields.put((String) nameTypePairs[i], (Type) nameTypePairs[i + 1]);
        }
        return fields;
    }

    private static final Map<String, Type> SNAPSHOT = fields("libraryId", Type.STRING, "mangaId", Type.STRING,
            "extensionId", Type.STRING, "title", Type.STRING, "coverUrl", Type.STRING, "status", Type.STRING,
            "favorite", Type.BOOLEAN, "timestamp", Type.INTEGER);

    private static LibrarySnapshot snapshot(Optional<String> cover) {
        return new LibrarySnapshot("lib-1", "manga-1", "local", "Title", cover, "reading", true, AT);
    }

    @Test
    void everyEventMatchesTheProtocolTable() {
        check(Connected.session("s-1", "e-1", 0, Optional.empty()), "connect", fields("message", Type.STRING, "sessionId", Type.STRING,
                "epoch", Type.STRING, "seq", Type.INTEGER));
        check(new Connected(Connected.GREETING, "s-1", "e-1", 9, Optional.of(Connected.Resume.resumed(4))), "connect",
                fields("message", Type.STRING, "sessionId", Type.STRING, "epoch", Type.STRING, "seq", Type.INTEGER,
                        "resumed", Type.BOOLEAN, "replayed", Type.INTEGER));
        check(new Connected(Connected.GREETING, "s-2", "e-1", 9,
                        Optional.of(Connected.Resume.refused(ResumeRefusal.TOO_FAR_BEHIND))), "connect",
                fields("message", Type.STRING, "sessionId", Type.STRING, "epoch", Type.STRING, "seq", Type.INTEGER,
                        "resumed", Type.BOOLEAN, "reason", Type.STRING));
        check(new SubscriptionAck(SubscriptionAck.Action.SUBSCRIBED, "dl-1"), "subscription:ack",
                fields("action", Type.STRING, "type", Type.STRING, "downloadId", Type.STRING));
        check(new SubscriptionAck(SubscriptionAck.Action.SUBSCRIBED, "dl-1", Optional.of(new SubscriptionAck.Snapshot(
                        DownloadProgress.of("dl-1", "ch-1", 3, 12, AT), 17))), "subscription:ack",
                fields("action", Type.STRING, "type", Type.STRING, "downloadId", Type.STRING, "snapshot", Type.OBJECT));
        check(new LibraryProgressUpdated("lib-1", "ch-1", Optional.of("12.5"), 4, Optional.of(20), false, AT),
                "library:progress:updated", fields("libraryId", Type.STRING, "chapterId", Type.STRING,
                        "chapterNumber", Type.STRING, "pageNumber", Type.INTEGER, "totalPages", Type.INTEGER,
                        "completed", Type.BOOLEAN, "timestamp", Type.INTEGER));
        check(new LibraryProgressUpdated("lib-1", "ch-1", Optional.empty(), 0, Optional.empty(), false, AT),
                "library:progress:updated", fields("libraryId", Type.STRING, "chapterId", Type.STRING,
                        "pageNumber", Type.INTEGER, "completed", Type.BOOLEAN, "timestamp", Type.INTEGER));
        check(new ErrorEvent("bad"), "error", fields("message", Type.STRING));
        check(new DownloadStarted("dl-1", "manga-1", "ch-1", AT), "download:started",
                fields("downloadId", Type.STRING, "mangaId", Type.STRING, "chapterId", Type.STRING,
                        "timestamp", Type.INTEGER));
        check(DownloadProgress.of("dl-1", "ch-1", 3, 12, AT), "download:progress",
                fields("downloadId", Type.STRING, "chapterId", Type.STRING, "currentPage", Type.INTEGER,
                        "totalPages", Type.INTEGER, "percentage", Type.INTEGER, "timestamp", Type.INTEGER));
        check(new DownloadPageComplete("dl-1", "ch-1", 3, AT), "download:page:complete",
                fields("downloadId", Type.STRING, "chapterId", Type.STRING, "pageNumber", Type.INTEGER,
                        "timestamp", Type.INTEGER));
        check(new DownloadChapterComplete("dl-1", "ch-1", 12, AT), "download:chapter:complete",
                fields("downloadId", Type.STRING, "chapterId", Type.STRING, "totalPages", Type.INTEGER,
                        "timestamp", Type.INTEGER));
        check(new DownloadFailed("dl-1", "ch-1", "Page 3: HTTP 500", AT), "download:failed",
                fields("downloadId", Type.STRING, "chapterId", Type.STRING, "error", Type.STRING,
                        "timestamp", Type.INTEGER));
        check(new DownloadCancelled("dl-1", "ch-1", AT), "download:cancelled",
                fields("downloadId", Type.STRING, "chapterId", Type.STRING, "timestamp", Type.INTEGER));
        check(new LibraryItemAdded(snapshot(Optional.of("http://covers/1.png"))), "library:item:added", SNAPSHOT);
        Map<String, Type> updated = new LinkedHashMap<>(SNAPSHOT);
        updated.put("changes", Type.OBJECT);
        check(new LibraryItemUpdated(snapshot(Optional.of("http://covers/1.png")),
                new LibraryChanges(Optional.of("reading"), Optional.of(true))), "library:item:updated", updated);
        check(new LibraryItemRemoved("lib-1", "manga-1", "local", "Title", AT), "library:item:removed",
                fields("libraryId", Type.STRING, "mangaId", Type.STRING, "extensionId", Type.STRING,
                        "title", Type.STRING, "timestamp", Type.INTEGER));
        check(new LibraryItemUpdated(snapshot(Optional.empty()), LibraryChanges.newChapters(3)),
                "library:item:updated", fields("libraryId", Type.STRING, "mangaId", Type.STRING,
                        "extensionId", Type.STRING, "title", Type.STRING, "status", Type.STRING,
                        "favorite", Type.BOOLEAN, "timestamp", Type.INTEGER, "changes", Type.OBJECT));
        check(new LibraryUpdateProgress(true, 3, 10, AT), "library:update:progress", fields("running", Type.BOOLEAN,
                "checked", Type.INTEGER, "total", Type.INTEGER, "timestamp", Type.INTEGER));
        check(new LibraryChaptersNew("lib-1", "manga-1", "local", "Title",
                        List.of(new LibraryChaptersNew.NewChapter("ch-9", "9", Optional.of("The end"))), AT),
                "library:chapters:new", fields("libraryId", Type.STRING, "mangaId", Type.STRING,
                        "extensionId", Type.STRING, "title", Type.STRING, "chapters", Type.ARRAY,
                        "timestamp", Type.INTEGER));
        check(MangaUpdated.chapters("manga-1", AT), "manga:updated", fields("mangaId", Type.STRING,
                "changes", Type.ARRAY, "timestamp", Type.INTEGER));
    }

    @Test
    void libraryUpdateValuesArriveAsGiven() {
        JsonObject progress = data(decode(codec.encode(new LibraryUpdateProgress(false, 7, 9, AT), AT, 1)));
        assertEquals(Json.createObjectBuilder().add("running", false).add("checked", 7).add("total", 9)
                .add("timestamp", AT).build(), progress);

        JsonObject found = data(decode(codec.encode(new LibraryChaptersNew("lib-1", "manga-1", "local", "Title",
                List.of(new LibraryChaptersNew.NewChapter("ch-9", "9", Optional.of("The end")),
                        new LibraryChaptersNew.NewChapter("ch-10", "10.5", Optional.empty())), AT), AT, 2)));
        assertEquals(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("id", "ch-9").add("chapterNumber", "9").add("title", "The end"))
                .add(Json.createObjectBuilder().add("id", "ch-10").add("chapterNumber", "10.5")).build(),
                found.getJsonArray("chapters"), "a chapter without a title has none on the wire");
        assertEquals(List.of("lib-1", "manga-1", "local", "Title"), List.of(found.getString("libraryId"),
                found.getString("mangaId"), found.getString("extensionId"), found.getString("title")));
        assertEquals(AT, found.getJsonNumber("timestamp").longValue());

        JsonObject manga = data(decode(codec.encode(new MangaUpdated("manga-1", List.of("chapters", "cover"), AT),
                AT, 3)));
        assertEquals(Json.createObjectBuilder().add("mangaId", "manga-1")
                .add("changes", Json.createArrayBuilder().add("chapters").add("cover")).add("timestamp", AT).build(),
                manga);

        JsonObject counted = data(decode(codec.encode(new LibraryItemUpdated(snapshot(Optional.empty()),
                LibraryChanges.newChapters(0)), AT, 4)));
        assertEquals(Json.createObjectBuilder().add("newChapters", 0).build(), counted.getJsonObject("changes"));
        JsonObject all = data(decode(codec.encode(new LibraryItemUpdated(snapshot(Optional.empty()),
                new LibraryChanges(Optional.of("on_hold"), Optional.of(true), Optional.of(2))), AT, 5)));
        assertEquals(Json.createObjectBuilder().add("status", "on_hold").add("favorite", true).add("newChapters", 2)
                .build(), all.getJsonObject("changes"));
    }

    @Test
    void progressReportsSupersedeTheirOwnKindOnly() {
        assertEquals(Optional.of(new CoalesceKey("download:progress", "dl-1")),
                DownloadProgress.of("dl-1", "ch-1", 1, 2, AT).coalesceKey());
        assertEquals(new LibraryUpdateProgress(true, 1, 2, AT).coalesceKey(),
                new LibraryUpdateProgress(false, 2, 2, AT + 1).coalesceKey(), "one check: one key");
        assertEquals("library:update:progress",
                new LibraryUpdateProgress(true, 0, 0, AT).coalesceKey().orElseThrow().event());
        assertEquals(Optional.empty(), new DownloadPageComplete("dl-1", "ch-1", 1, AT).coalesceKey());
        assertEquals(Optional.empty(), new LibraryChaptersNew("l", "m", "local", "T",
                List.of(new LibraryChaptersNew.NewChapter("c", "1", Optional.empty())), AT).coalesceKey());
        assertEquals(Optional.empty(), MangaUpdated.chapters("m", AT).coalesceKey());
    }

    @Test
    void aDownloadsEventsHaveItAsTheirTopicAndLibraryEventsNone() {
        assertEquals(Optional.of("dl-1"), new DownloadStarted("dl-1", "m", "c", AT).topic());
        assertEquals(Optional.of("dl-2"), DownloadProgress.of("dl-2", "ch-1", 1, 2, AT).topic());
        assertEquals(Optional.empty(), new LibraryUpdateProgress(true, 0, 0, AT).topic());
        assertEquals(Optional.empty(), MangaUpdated.chapters("m", AT).topic());
        assertThrows(IllegalArgumentException.class, () -> new SubscriptionAck.Snapshot(
                MangaUpdated.chapters("m", AT), 1), "a snapshot is of a download");
    }

    @Test
    void downloadProgressValuesArriveAsGiven() {
        JsonObject progress = data(decode(codec.encode(DownloadProgress.of("dl-1", "ch-1", 3, 12, AT), AT, 7)));
        assertEquals(3, progress.getInt("currentPage"));
        assertEquals(12, progress.getInt("totalPages"));
        assertEquals(25, progress.getInt("percentage"));
        assertEquals(AT, progress.getJsonNumber("timestamp").longValue());
    }

    @Test
    void anAckNamesItsActionAndType() {
        JsonObject ack = data(decode(codec.encode(new SubscriptionAck(SubscriptionAck.Action.UNSUBSCRIBED, "dl-1"), AT)));
        assertEquals("unsubscribed", ack.getString("action"));
        assertEquals("download", ack.getString("type"));
    }

    @Test
    void connectCarriesTheSessionAndHowAResumeWent() {
        assertEquals("Connected to manga reader server",
                data(decode(codec.encode(Connected.session("s", "e", 3, Optional.empty()), AT))).getString("message"));
        JsonObject connect = data(decode(codec.encode(new Connected(Connected.GREETING, "s", "e-7", 3,
                Optional.of(Connected.Resume.refused(ResumeRefusal.UNKNOWN_SESSION))), AT)));
        assertEquals("e-7", connect.getString("epoch"));
        assertEquals(3, connect.getInt("seq"));
        assertFalse(connect.getBoolean("resumed"));
        assertEquals("unknown-session", connect.getString("reason"));
        assertEquals(List.of("unknown-session", "expired", "epoch-mismatch", "too-far-behind"),
                java.util.Arrays.stream(ResumeRefusal.values()).map(ResumeRefusal::wireName).toList());
        assertEquals(12, data(decode(codec.encode(new Connected(Connected.GREETING, "s", "e", 3,
                Optional.of(Connected.Resume.resumed(12))), AT))).getInt("replayed"));
    }

    @Test
    void aSnapshotIsTheLatestEventWithItsSequence() {
        JsonObject snapshot = data(decode(codec.encode(new SubscriptionAck(SubscriptionAck.Action.SUBSCRIBED, "dl-1",
                Optional.of(new SubscriptionAck.Snapshot(DownloadProgress.of("dl-1", "ch-1", 3, 12, AT), 17))), AT)))
                .getJsonObject("snapshot");
        assertEquals("download:progress", snapshot.getString("event"));
        assertEquals(17, snapshot.getInt("seq"));
        assertEquals(25, snapshot.getJsonObject("data").getInt("percentage"));
    }

    @Test
    void readingProgressValuesArriveAsGiven() {
        JsonObject read = data(decode(codec.encode(new LibraryProgressUpdated("lib-1", "ch-1", Optional.of("3"), 20,
                Optional.of(20), true, AT), AT, 5)));
        assertEquals(20, read.getInt("pageNumber"));
        assertEquals(20, read.getInt("totalPages"));
        assertEquals("3", read.getString("chapterNumber"));
        assertTrue(read.getBoolean("completed"));
    }

    @Test
    void coverUrlIsOmittedWhenUnknownAndChangesHoldOnlyWhatChanged() {
        JsonObject added = data(decode(codec.encode(new LibraryItemAdded(snapshot(Optional.empty())), AT, 1)));
        assertFalse(added.containsKey("coverUrl"));

        JsonObject updated = data(decode(codec.encode(new LibraryItemUpdated(snapshot(Optional.empty()),
                new LibraryChanges(Optional.empty(), Optional.of(false))), AT, 2)));
        assertEquals(Json.createObjectBuilder().add("favorite", false).build(), updated.getJsonObject("changes"));

        JsonObject read = data(decode(codec.encode(new LibraryItemUpdated(snapshot(Optional.empty()),
                new LibraryChanges(Optional.empty(), Optional.empty())), AT, 3)));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, read.getJsonObject("changes"), "reading changed no field");
    }

    @Test
    void broadcastsCarrySeqAndSessionEventsDoNot() {
        JsonObject broadcast = decode(codec.encode(new DownloadCancelled("dl-1", "ch-1", AT), AT + 5, 42));
        assertEquals(42, broadcast.getJsonNumber("seq").longValue());
        assertEquals(AT + 5, broadcast.getJsonNumber("timestamp").longValue());
        assertEquals(Map.of("event", 0, "data", 0, "timestamp", 0, "seq", 0).keySet(), broadcast.keySet());

        JsonObject session = decode(codec.encode(new ErrorEvent("bad"), AT));
        assertEquals(Map.of("event", 0, "data", 0, "timestamp", 0).keySet(), session.keySet());
    }

    @Test
    void malformedEventsFailWhereTheyAreMade() {
        assertThrows(IllegalArgumentException.class, () -> new DownloadProgress("dl", "ch", 1, 2, 101, AT));
        assertThrows(IllegalArgumentException.class, () -> new DownloadPageComplete("dl", "ch", 0, AT));
        assertThrows(IllegalArgumentException.class, () -> new DownloadStarted("", "m", "c", AT));
        assertEquals(100, DownloadProgress.of("dl", "ch", 0, 0, AT).percentage(), "an empty chapter is done");
        assertThrows(IllegalArgumentException.class, () -> new Connected.Resume(true, 1,
                Optional.of(ResumeRefusal.EXPIRED)));
        assertThrows(IllegalArgumentException.class, () -> new Connected.Resume(false, 0, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new SubscriptionAck(SubscriptionAck.Action.SUBSCRIBED,
                "dl-1", Optional.of(new SubscriptionAck.Snapshot(new DownloadCancelled("dl-2", "c", AT), 1))));
        assertThrows(IllegalArgumentException.class, () -> new LibraryProgressUpdated("lib", "ch", Optional.empty(),
                -1, Optional.empty(), false, AT));
        assertThrows(IllegalArgumentException.class, () -> new LibraryUpdateProgress(true, 3, 2, AT));
        assertThrows(IllegalArgumentException.class, () -> new LibraryUpdateProgress(true, -1, 2, AT));
        assertThrows(IllegalArgumentException.class, () -> new LibraryChaptersNew("l", "m", "local", "T", List.of(),
                AT));
        assertThrows(IllegalArgumentException.class, () -> new LibraryChaptersNew.NewChapter("", "1",
                Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new MangaUpdated("m", List.of(), AT));
        assertThrows(IllegalArgumentException.class, () -> new MangaUpdated("m", List.of(""), AT));
        assertThrows(IllegalArgumentException.class, () -> new MangaUpdated("", List.of("chapters"), AT));
        assertThrows(IllegalArgumentException.class, () -> LibraryChanges.newChapters(-1));
        assertThrows(IllegalArgumentException.class, () -> new CoalesceKey("", "x"));
        assertTrue(new LibraryChanges(Optional.empty(), Optional.empty()).isEmpty());
        assertFalse(LibraryChanges.newChapters(0).isEmpty(), "a count of zero is news too");
    }

    private void check(Event event, String name, Map<String, Type> expected) {
        String wire = event instanceof BroadcastEvent b ? codec.encode(b, AT, 1) : codec.encode((SessionEvent) event, AT);
        JsonObject envelope = decode(wire);
        assertEquals(Optional.empty(), ChannelContract.get().checkServerMessage(wire), "the AsyncAPI document");
        assertEquals(name, envelope.getString("event"));
        assertEquals(name, event.name());
        assertTrue(envelope.get("timestamp") instanceof JsonNumber n && n.isIntegral(), name + " envelope timestamp");
        JsonObject data = data(envelope);
        assertEquals(expected.keySet(), data.keySet(), name + " fields");
        expected.forEach((field, type) -> assertEquals(type, typeOf(data.get(field)), name + "." + field));
    }

    private static Type typeOf(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> Type.STRING;
            case NUMBER -> ((JsonNumber) value).isIntegral() ? Type.INTEGER : null;
            case TRUE, FALSE -> Type.BOOLEAN;
            case OBJECT -> Type.OBJECT;
            case ARRAY -> Type.ARRAY;
            default -> null;
        };
    }

    private static JsonObject decode(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static JsonObject data(JsonObject envelope) {
        return envelope.getJsonObject("data");
    }
}
