package dev.jamra.server.updates;

import java.util.List;
import java.util.Map;

import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.jamra.server.updates.UpdatesApi.lines;
import static dev.jamra.server.updates.UpdatesApi.untilCheckEnds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Library updates of the local source: a chapter folder dropped in is a new chapter; a folder gone, an error. */
class LocalUpdatesTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create().configured(UpdatesApi.CHECKS_WHEN_ASKED);

    @RegisterExtension
    final UpdatesApi updates = UpdatesApi.of(SERVER);
    private final LocalFolders folders = LocalFolders.of(SERVER);

    @Test
    void aChapterFolderDroppedInIsFoundByTheNextCheck() {
        folders.chapter("Blame", "Chapter 1");
        String item = updates.add("Blame", "local", "Blame!");
        updates.checkAndWait();

        folders.chapter("Blame", "Chapter 2").chapter("Blame", "Chapter 3");
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            updates.start();
            List<JsonObject> events = untilCheckEnds(client);
            assertEquals(List.of("library:update:progress true 0/1", "library:chapters:new " + item,
                    "library:item:updated " + item, "manga:updated Blame", "library:update:progress true 1/1",
                    "library:update:progress false 1/1"), lines(events));
            assertEquals(Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("id", "~Chapter_2").add("chapterNumber", "2")
                            .add("title", "Chapter 2"))
                    .add(Json.createObjectBuilder().add("id", "~Chapter_3").add("chapterNumber", "3")
                            .add("title", "Chapter 3")).build(),
                    events.get(1).getJsonObject("data").getJsonArray("chapters"));
        }
        assertEquals(2, updates.newChapters(item));

        RestClient.Response page = SERVER.http().get("/api/reader/" + item + "/chapters/~Chapter_3/pages/1");
        assertEquals(200, page.status(), page::toString);
        assertEquals(1, updates.newChapters(item), "reading chapter 3 took it off");
        assertEquals(List.of("~Chapter_3 false", "~Chapter_2 true"), updates.feed("").getJsonArray("items").stream()
                .map(entry -> entry.asJsonObject().getString("chapterId") + " "
                              + entry.asJsonObject().getBoolean("isNew")).toList());
    }

    @Test
    void aClientAwayDuringACheckGetsItsEventsReplayedWhenItResumes() {
        folders.chapter("Away", "Chapter 1");
        String item = updates.add("Away", "local", "Away");
        try (ChannelClient listener = ChannelClient.connect(SERVER.uri())) {
            updates.start();
            untilCheckEnds(listener);  // the first check's last event is out before the session below begins
        }
        JsonObject session;
        try (ChannelClient leaving = ChannelClient.open(SERVER.uri(), "/", Map.of())) {
            session = leaving.expect("connect").getJsonObject("data");
        }

        folders.chapter("Away", "Chapter 2");
        List<JsonObject> published;
        try (ChannelClient listener = ChannelClient.connect(SERVER.uri())) {
            updates.start();
            published = untilCheckEnds(listener);
        }
        try (ChannelClient back = ChannelClient.open(SERVER.uri(), "/?resume=" + session.getString("sessionId")
                + "&epoch=" + session.getString("epoch") + "&lastSeq=" + session.getJsonNumber("seq"), Map.of())) {
            JsonObject resumed = back.expect("connect").getJsonObject("data");
            assertTrue(resumed.getBoolean("resumed"));
            assertEquals(published.size(), resumed.getInt("replayed"));
            List<JsonObject> replayed = back.next(published.size());
            assertEquals(lines(published), lines(replayed));
            assertEquals(List.of("library:update:progress true 0/1", "library:chapters:new " + item,
                    "library:item:updated " + item, "manga:updated Away", "library:update:progress true 1/1",
                    "library:update:progress false 1/1"), lines(replayed));
        }
    }

    @Test
    void aMissingFolderIsAnErrorOfItsItemOnly() {
        folders.chapter("Kept", "Chapter 1").chapter("Moved Away", "Chapter 1");
        String kept = updates.add("Kept", "local", "Kept");
        String moved = updates.add("~Moved_Away", "local", "Moved Away");
        String never = updates.add("~Never_There", "local", "Never There");
        JsonObject first = updates.checkAndWait();
        assertEquals(List.of(never), first.getJsonArray("errors").stream()
                .map(error -> error.asJsonObject().getString("libraryId")).toList());

        folders.remove("Moved Away");
        folders.chapter("Kept", "Chapter 2");
        JsonObject second = updates.checkAndWait();
        assertEquals(3, second.getInt("checked"));
        assertEquals(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("libraryId", moved).add("title", "Moved Away")
                        .add("message", "No manga ~Moved_Away in the local library"))
                .add(Json.createObjectBuilder().add("libraryId", never).add("title", "Never There")
                        .add("message", "No manga ~Never_There in the local library")).build(),
                second.getJsonArray("errors"));
        assertEquals(1, updates.newChapters(kept));
    }

    @Test
    void badFeedParametersAre400AndALimitAbove500IsServedAs500() {
        for (String query : List.of("?limit=x", "?limit=-1", "?offset=1.5", "?offset=9999999999999999999",
                "?offset=3000000000")) {
            RestClient.Response bad = SERVER.http().get("/api/library/updates" + query);
            assertEquals(400, bad.status(), query);
            assertEquals(query.substring(1, query.indexOf('=')), bad.json().getJsonObject("details")
                    .getString("field"), query);
        }
        JsonObject page = updates.feed("?limit=100000&offset=");
        assertEquals(500, page.getInt("limit"));
        assertEquals(0, page.getInt("offset"));
        assertEquals(50, updates.feed("").getInt("limit"), "the default");
    }
}
