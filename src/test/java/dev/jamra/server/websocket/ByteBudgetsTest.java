package dev.jamra.server.websocket;

import java.net.URI;
import java.util.Map;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The channel's memory is bounded in bytes, not only in messages: items with the longest title and cover URL the
 * API accepts, toggled again and again, never make the retained history or a stalled client's queue hold more
 * than their budgets (seen from outside: what a resume still gets, when a stalled client is closed).
 */
class ByteBudgetsTest {
    private static final int RETAINED_BYTES = 64 * 1024;
    private static final int QUEUE_BYTES = 32 * 1024;
    /** The queue's count: far more than its bytes hold of these events. */
    private static final int QUEUE_MESSAGES = 1024;

    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(Map.of(
                    "websocket.retention.max-bytes", String.valueOf(RETAINED_BYTES),
                    "websocket.queue-max-bytes", String.valueOf(QUEUE_BYTES),
                    "websocket.queue-capacity", String.valueOf(QUEUE_MESSAGES),
                    "websocket.close-timeout", "PT60S"))
            .connectionsGoneBeforeEach();

    private final URI uri = SERVER.uri();
    private final RestClient http = SERVER.http();

    @Test
    void theRetainedHistoryKeepsOnlyWhatItsBytesHold() {
        String item = largestItem("retained");
        ChannelClient client = ChannelClient.open(uri, "/", Map.of());
        ResumeTest.Session session = ResumeTest.Session.of(client.next());
        try (EndedSessions ended = EndedSessions.watch()) {
            client.close();
            ended.await(session.sessionId());
        }

        int toggles = 100;  // each event holds some 10 KB: far more than the history's 64 KiB
        for (int i = 0; i < toggles; i++) {
            assertEquals(200, http.patch("/api/library/" + item + "/favorite", "{}").status());
        }
        try (ChannelClient late = ResumeTest.resume(uri, session.sessionId(), session.epoch(), session.seq())) {
            JsonObject connect = late.expect("connect").getJsonObject("data");
            assertFalse(connect.getBoolean("resumed"), connect.toString());
            assertEquals("too-far-behind", connect.getString("reason"));
        }

        try (ChannelClient recent = ChannelClient.open(uri, "/", Map.of())) {
            ResumeTest.Session current = ResumeTest.Session.of(recent.next());
            try (EndedSessions ended = EndedSessions.watch()) {
                recent.close();
                ended.await(current.sessionId());
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(200, http.patch("/api/library/" + item + "/favorite", "{}").status());
            }
            try (ChannelClient back = ResumeTest.resume(uri, current.sessionId(), current.epoch(), current.seq())) {
                assertTrue(back.expect("connect").getJsonObject("data").getBoolean("resumed"));
                for (int i = 0; i < 3; i++) {
                    assertEquals(current.seq() + i + 1, back.expect("library:item:updated").getJsonNumber("seq")
                            .longValue(), "what the budget still holds is replayed");
                }
            }
        }
    }

    @Test
    void aStalledClientIsClosedOnceItsQueueHoldsItsBytesLongBeforeItsCount() {
        String item = largestItem("queued");
        long closesBefore = SERVER.app().channel().stats().slowConsumerCloses();
        try (RawWebSocket stalled = RawWebSocket.upgrade(uri, "/", Map.of(), 4096);
             ChannelClient reader = ChannelClient.connect(uri)) {
            assertEquals(101, stalled.status());
            Await.until(() -> SERVER.app().channel().connectionCount() == 2, "both are registered");
            int toggles = 0;
            while (SERVER.app().channel().stats().slowConsumerCloses() == closesBefore && toggles < QUEUE_MESSAGES) {
                assertEquals(200, http.patch("/api/library/" + item + "/favorite", "{}").status());
                toggles++;
                reader.expect("library:item:updated");
            }
            assertEquals(closesBefore + 1, SERVER.app().channel().stats().slowConsumerCloses(),
                    "closed as a slow consumer");
            // the socket's buffers take some 40 of these events; the 32 KiB queue three more
            assertThat("closed long before its queue held " + QUEUE_MESSAGES + " messages", toggles, lessThan(200));
            assertEquals(1008, stalled.readUntilClose(), "once it reads again, its last frame is 1008");
            stalled.sendClose(1000);
        }
    }

    /** An item with the longest title and cover URL the API accepts; returns its id. */
    private String largestItem(String mangaId) {
        JsonObject body = Json.createObjectBuilder().add("mangaId", mangaId).add("extensionId", "local")
                .add("title", "t".repeat(1000)).add("coverUrl", "https://c.example/" + "c".repeat(2000))
                .add("status", "reading").build();
        RestClient.Response added = http.post("/api/library", body);
        assertEquals(201, added.status(), added::toString);
        return added.json().getString("id");
    }
}
