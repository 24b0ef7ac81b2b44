package dev.jamra.server.websocket;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.DownloadFailed;
import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.events.LibraryUpdateProgress;
import dev.jamra.server.testing.Await;
import dev.jamra.server.websocket.delivery.RecordingSocket;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publishing without a server: who receives what, in which order, and what a client that does not read costs. */
class PublishingTest {

    private static BroadcastEvent progress(String downloadId, int page) {
        return DownloadProgress.of(downloadId, "ch", page, 10, 1);
    }

    private static BroadcastEvent removed(String libraryId) {
        return new LibraryItemRemoved(libraryId, "m", "local", "T", 1);
    }

    /** What a message is about: its download, or its library item. */
    private static String subject(JsonObject message) {
        JsonObject data = message.getJsonObject("data");
        return data.containsKey("downloadId") ? data.getString("downloadId") : data.getString("libraryId");
    }

    private static List<String> subjects(TestChannel.Client client, int from, int count) {
        client.awaitMessages(from + count);
        return client.messages().subList(from, from + count).stream().map(PublishingTest::subject).toList();
    }

    @Test
    void connectComesFirstThenBroadcastsNumberedInOrder() {
        try (TestChannel hub = new TestChannel()) {
            TestChannel.Client client = hub.connect();
            JsonObject connect = client.message(0);
            assertEquals("connect", connect.getString("event"));
            assertFalse(connect.containsKey("seq"), "connect is not a broadcast");
            assertEquals(0, connect.getJsonObject("data").getJsonNumber("seq").longValue(), "nothing published yet");
            assertFalse(connect.getJsonObject("data").containsKey("resumed"), "it did not ask to resume");

            hub.channel.publish(progress("dl", 1));
            hub.channel.publish(removed("lib"));
            assertEquals(1, client.message(1).getJsonNumber("seq").longValue());
            assertEquals("library:item:removed", client.message(2).getString("event"));
            assertEquals(2, client.message(2).getJsonNumber("seq").longValue());

            JsonObject later = hub.connect().connect();
            assertEquals(2, later.getJsonNumber("seq").longValue(), "connect names the last broadcast before it");
            assertEquals(client.connect().getString("epoch"), later.getString("epoch"), "one epoch per run");
            assertFalse(client.sessionId().equals(later.getString("sessionId")));
            assertThrows(NullPointerException.class, () -> hub.channel.publish(null));
        }
    }

    @Test
    void eachBroadcastReachesTheConnectionsItsTopicSelects() {
        try (TestChannel hub = new TestChannel()) {
            TestChannel.Client everything = hub.connect();
            TestChannel.Client followsA = hub.connect();
            TestChannel.Client followsB = hub.connect();
            followsA.subscribe("dl-A");
            followsB.subscribe("dl-B");
            followsA.awaitMessages(2);
            followsB.awaitMessages(2);

            hub.channel.publish(progress("dl-A", 1));
            hub.channel.publish(progress("dl-B", 1));
            hub.channel.publish(removed("lib-1"));

            assertEquals(List.of("dl-A", "dl-B", "lib-1"), subjects(everything, 1, 3));
            assertEquals(List.of("dl-A", "lib-1"), subjects(followsA, 2, 2));
            assertEquals(List.of("dl-B", "lib-1"), subjects(followsB, 2, 2));
            assertEquals(3, hub.channel.connectionCount());
        }
    }

    @Test
    void aFullQueueCollapsesWaitingProgressToTheNewest() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.queue-capacity", "3"))) {
            RecordingSocket stalled = new RecordingSocket(true);  // holds connect in its write: the rest waits
            stalled.answersClose = true;
            hub.channel.open(stalled, Optional.empty());
            Await.until(() -> stalled.writing.get() == 1, "the connect is being written");
            hub.channel.publish(removed("lib"));
            hub.channel.publish(progress("dl", 1));
            hub.channel.publish(new LibraryUpdateProgress(true, 1, 9, 1));
            assertEquals(3, hub.channel.deepestQueue());
            hub.channel.publish(progress("dl", 2));              // full: dl's older progress goes
            hub.channel.publish(new LibraryUpdateProgress(true, 2, 9, 2));  // and the older update report
            assertEquals(3, hub.channel.deepestQueue());
            assertEquals(0, hub.channel.stats().slowConsumerCloses(), "collapsing was enough");

            stalled.release.countDown();
            Await.until(() -> stalled.texts.size() == 4, "the rest was written");
            List<String> seqs = stalled.texts.subList(1, 4).stream()
                    .map(text -> text.replaceAll(".*\"seq\":(\\d+).*", "$1")).toList();
            assertEquals(List.of("1", "4", "5"), seqs, "the library event, then the newest of each key");
            Await.until(() -> hub.channel.deepestQueue() == 0, "nothing waits");
        }
    }

    @Test
    void aClientThatDoesNotKeepUpIsClosedOnceWhileOthersGetEverything() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.queue-capacity", "2"))) {
            TestChannel.Client reader = hub.connect();
            RecordingSocket stalled = new RecordingSocket(true);
            hub.channel.open(stalled, Optional.empty());
            Await.until(() -> stalled.writing.get() == 1, "the connect is being written");
            for (int i = 0; i < 4; i++) {  // the third finds the queue full: every message counts
                hub.channel.publish(new DownloadFailed("dl-" + i, "ch", "failed", i));
                reader.awaitMessages(2 + i);  // the reader keeps up
            }
            assertEquals(1, hub.channel.stats().slowConsumerCloses(), "closed once, however often it was full");
            assertEquals(List.of("dl-0", "dl-1", "dl-2", "dl-3"), subjects(reader, 1, 4), "the publisher never waited");

            stalled.release.countDown();
            Await.until(() -> stalled.writes.contains("CLOSE 1008"), "its last frame is the close frame");
            assertEquals("slow consumer", stalled.closeReason());
            assertEquals(1, stalled.texts.size(), "what waited was dropped: only connect went out");
            assertEquals(2, hub.channel.stats().connections(), "it is there until it ends");

            hub.advance(hub.settings.closeTimeout());
            assertTrue(stalled.wasCut(), "it never answered the close frame: cut at the close timeout");
            assertEquals(1, hub.channel.connectionCount());
            assertEquals(1, hub.channel.stats().connections());
        }
    }
}
