package dev.jamra.server.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.testing.Await;
import dev.jamra.server.websocket.delivery.RecordingSocket;
import dev.jamra.server.websocket.history.ResumeRequest;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resuming without a server: the replay and where live delivery takes over, refusals, a session taken over. */
class ResumingTest {

    private static void publishProgress(TestChannel hub, String downloadId, int page) {
        hub.channel.publish(DownloadProgress.of(downloadId, "ch", page, 100, 1));
    }

    private static void publishLibrary(TestChannel hub, String libraryId) {
        hub.channel.publish(new LibraryItemRemoved(libraryId, "m", "local", "T", 1));
    }

    /** Loses {@code client}'s socket and lets the reaper find it. */
    private static void lose(TestChannel hub, TestChannel.Client client) {
        int before = hub.channel.connectionCount();
        client.socket().end();
        hub.advance(Duration.ofSeconds(1));
        assertEquals(before - 1, hub.channel.connectionCount(), "the reaper ended it");
    }

    private static long seq(JsonObject message) {
        return message.getJsonNumber("seq").longValue();
    }

    @Test
    void aLostClientGetsExactlyWhatItMissedThenLiveBroadcasts() {
        try (TestChannel hub = new TestChannel()) {
            TestChannel.Client client = hub.connect();
            JsonObject session = client.connect();
            client.subscribe("dl-mine");
            publishProgress(hub, "dl-mine", 1);
            long applied = seq(client.message(2));
            lose(hub, client);

            publishLibrary(hub, "lib-1");
            publishProgress(hub, "dl-other", 1);
            publishProgress(hub, "dl-mine", 2);

            TestChannel.Client resumed = hub.resume(session, applied);
            JsonObject connect = resumed.connect();
            assertTrue(connect.getBoolean("resumed"));
            assertEquals(2, connect.getInt("replayed"));
            assertEquals(session.getString("sessionId"), connect.getString("sessionId"));
            assertEquals(applied + 3, seq(connect), "connect names the last broadcast");
            assertEquals(List.of(applied + 1, applied + 3), List.of(seq(resumed.message(1)), seq(resumed.message(2))),
                    "what it missed of what it follows, in order");

            publishProgress(hub, "dl-other", 2);  // still filtered: the subscription came back
            publishProgress(hub, "dl-mine", 3);
            assertEquals(applied + 5, seq(resumed.message(3)));
            assertEquals(4, resumed.messages().size());
        }
    }

    @Test
    void aReplayFollowsTheSubscriptionsAsTheyWereAtEachMissedBroadcast() {
        try (TestChannel hub = new TestChannel()) {
            TestChannel.Client client = hub.connect();
            JsonObject session = client.connect();
            client.subscribe("dl-a");
            publishProgress(hub, "dl-a", 1);
            long applied = seq(client.message(2));
            client.subscribe("dl-b");
            publishProgress(hub, "dl-c", 1);  // not followed yet
            publishProgress(hub, "dl-b", 1);
            client.unsubscribe("dl-b");
            client.subscribe("dl-c");
            publishProgress(hub, "dl-b", 2);  // no longer followed
            publishProgress(hub, "dl-c", 2);
            lose(hub, client);

            TestChannel.Client resumed = hub.resume(session, applied);
            assertEquals(2, resumed.connect().getInt("replayed"));
            assertEquals(List.of(applied + 2, applied + 4), List.of(seq(resumed.message(1)), seq(resumed.message(2))));
            assertEquals("dl-b", resumed.message(1).getJsonObject("data").getString("downloadId"));
            assertEquals("dl-c", resumed.message(2).getJsonObject("data").getString("downloadId"));
        }
    }

    @Test
    void aReplayHasRoomInTheQueueOnTopOfItsCapacity() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.queue-capacity", "2"))) {
            TestChannel.Client client = hub.connect();
            JsonObject session = client.connect();
            lose(hub, client);
            for (int i = 0; i < 5; i++) {
                publishLibrary(hub, "lib-" + i);
            }
            RecordingSocket stalled = new RecordingSocket(true);
            stalled.answersClose = true;
            hub.channel.open(stalled, Optional.of(new ResumeRequest(session.getString("sessionId"),
                    session.getString("epoch"), seq(session))));
            Await.until(() -> stalled.writing.get() == 1, "the writer holds connect");
            publishLibrary(hub, "live-1");
            publishLibrary(hub, "live-2");
            assertEquals(0, hub.channel.stats().slowConsumerCloses(), "5 replayed and 2 live fit behind connect");
            stalled.release.countDown();
            Await.until(() -> stalled.texts.size() == 8, "all of them were written");
        }
    }

    @Test
    void aResumeThatCannotBeHonouredStartsAFreshSessionAndSaysWhy() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.retention.max-events", "2",
                "websocket.retention.max-age", "PT1M"))) {
            JsonObject first = hub.connect().connect();
            String epoch = first.getString("epoch");

            JsonObject wrongEpoch = hub.resume(first.getString("sessionId"), "another-run", 0).connect();
            assertFalse(wrongEpoch.getBoolean("resumed"));
            assertEquals("epoch-mismatch", wrongEpoch.getString("reason"));
            assertNotEquals(first.getString("sessionId"), wrongEpoch.getString("sessionId"));
            assertFalse(wrongEpoch.containsKey("replayed"));

            assertEquals("unknown-session", hub.resume("no-such-session", epoch, 0).connect().getString("reason"));

            TestChannel.Client behind = hub.connect();
            JsonObject behindSession = behind.connect();
            lose(hub, behind);
            for (int i = 0; i < 3; i++) {
                publishLibrary(hub, "lib-" + i);
            }
            assertEquals("too-far-behind", hub.resume(behindSession, seq(behindSession)).connect().getString("reason"));

            TestChannel.Client gone = hub.connect();
            JsonObject goneSession = gone.connect();
            lose(hub, gone);
            hub.advance(Duration.ofMinutes(1).plusSeconds(2));
            TestChannel.Client late = hub.resume(goneSession, seq(goneSession));
            assertEquals("expired", late.connect().getString("reason"));
            publishLibrary(hub, "after");
            assertEquals("after", late.message(1).getJsonObject("data").getString("libraryId"), "live, no replay");
        }
    }

    @Test
    void resumingASessionStillOpenClosesTheOlderConnectionAndTakesItsSubscriptions() {
        try (TestChannel hub = new TestChannel()) {
            TestChannel.Client older = hub.connectDeaf();
            JsonObject session = older.connect();
            older.subscribe("dl-kept");
            older.awaitMessages(2);
            TestChannel.Client newer = hub.resume(session, seq(session));
            assertTrue(newer.connect().getBoolean("resumed"));
            Await.until(() -> older.socket().writes.contains("CLOSE 1008"), "the older one is closed");
            assertEquals("Session resumed elsewhere", older.socket().closeReason());
            assertEquals(1, hub.channel.connectionCount(), "the older one left at once");

            publishProgress(hub, "dl-elsewhere", 1);
            publishProgress(hub, "dl-kept", 1);
            assertEquals("dl-kept", newer.message(1).getJsonObject("data").getString("downloadId"));
            hub.advance(hub.settings.closeTimeout());
            assertTrue(older.socket().wasCut(), "it never answered: cut");
            assertEquals(1, hub.channel.connectionCount(), "its end did not take the session back");
        }
    }
}
