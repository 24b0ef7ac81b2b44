package dev.jamra.server.websocket;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Resuming past the retention age, with a short age so the test need not wait long. */
class ResumeExpiryTest {
    private static final Duration AGE = Duration.ofMillis(500);

    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(Map.of(
                    "websocket.retention.max-age", AGE.toString()));

    private final URI uri = SERVER.uri();

    private static void publishLibrary(String libraryId) {
        SERVER.app().channel().publish(new LibraryItemRemoved(libraryId, "manga", "local", "Title",
                System.currentTimeMillis()));
    }

    private static JsonObject resumeRefused(URI uri, ResumeTest.Session session, long lastSeq, String reason) {
        try (ChannelClient again = ResumeTest.resume(uri, session.sessionId(), session.epoch(), lastSeq)) {
            JsonObject data = again.expect("connect").getJsonObject("data");
            assertFalse(data.getBoolean("resumed"));
            assertEquals(reason, data.getString("reason"));
            assertNotEquals(session.sessionId(), data.getString("sessionId"));
            publishLibrary("lib-live");
            assertEquals("lib-live", again.expect("library:item:removed").getJsonObject("data").getString("libraryId"),
                    "no replay before live events");
            return data;
        }
    }

    /**
     * Waits until the retention age has passed since {@code instant}, by the server's clock, which is this one:
     * what happened before it is then past the age (a millisecond more, since the server counts in them).
     */
    private static void awaitAgePassedSince(Instant instant, String what) {
        Instant past = instant.plus(AGE).plusMillis(2);
        Await.until(() -> Instant.now().isAfter(past), AGE.multipliedBy(10), what);
    }

    @Test
    void aSessionEndedLongerAgoThanTheAgeHasExpired() {
        ChannelClient client = ChannelClient.open(uri, "/", Map.of());
        ResumeTest.Session session = ResumeTest.Session.of(client.next());
        Instant ended;
        try (EndedSessions ends = EndedSessions.watch()) {
            client.abort();
            ended = ends.await(session.sessionId());
        }
        awaitAgePassedSince(ended, "the ended session is past the retention age");
        resumeRefused(uri, session, session.seq(), "expired");
    }

    @Test
    void broadcastsOlderThanTheAgeAreNoLongerReplayed() {
        ChannelClient older = ChannelClient.open(uri, "/", Map.of());
        ResumeTest.Session session = ResumeTest.Session.of(older.next());
        publishLibrary("lib-aging");
        older.expect("library:item:removed");
        awaitAgePassedSince(Instant.now(), "the broadcast is older than the retention age");
        // still connected, so the session itself has not expired: only its missed broadcast has
        resumeRefused(uri, session, session.seq(), "too-far-behind");
        assertEquals(1008, older.awaitClose(), "the older connection was ended");
    }
}
