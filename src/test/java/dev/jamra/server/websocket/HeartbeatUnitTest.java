package dev.jamra.server.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.jamra.server.testing.Await;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The heartbeat and the close deadline on a clock the test moves: no real second passes. */
class HeartbeatUnitTest {

    private static long pings(TestChannel.Client client) {
        return client.socket().writes.stream().filter("PING"::equals).count();
    }

    @Test
    void everyConnectionIsPingedOnceWithinItsFirstIntervalThenAnIntervalApart() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.ping-interval", "PT30S",
                "websocket.idle-timeout", "PT10M"))) {
            List<TestChannel.Client> clients = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                clients.add(hub.connect());
            }
            // the first look is a tick after the opening; the first ping within one interval of it
            for (int second = 0; second <= 30; second++) {
                hub.advance(Duration.ofSeconds(1));
            }
            Await.until(() -> clients.stream().allMatch(c -> pings(c) == 1), "each was pinged once");
            hub.advance(Duration.ofSeconds(30));
            Await.until(() -> clients.stream().allMatch(c -> pings(c) == 2), "an interval later, the next");
        }
    }

    @Test
    void aSilentConnectionIsClosedAtTheIdleTimeoutAndCutIfItNeverAnswers() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.idle-timeout", "PT75S",
                "websocket.close-timeout", "PT5S"))) {
            TestChannel.Client answering = hub.connect();
            TestChannel.Client deaf = hub.connectDeaf();
            hub.advance(Duration.ofSeconds(75));
            assertFalse(deaf.socket().writes.stream().anyMatch(w -> w.startsWith("CLOSE")), "not past it yet");
            hub.advance(Duration.ofSeconds(1));
            Await.until(() -> deaf.socket().writes.contains("CLOSE 1000"), "closed for idleness");
            assertEquals("Idle timeout", deaf.socket().closeReason());
            assertEquals(1000, answering.awaitClose());  // it answers at once: its socket ends

            hub.advance(Duration.ofSeconds(4));
            assertFalse(deaf.socket().wasCut(), "it still has time");
            assertEquals(1, hub.channel.connectionCount(), "the one that answered ended");
            hub.advance(Duration.ofSeconds(2));
            assertTrue(deaf.socket().wasCut(), "cut at the close timeout");
            assertFalse(answering.socket().wasCut(), "an ended connection's deadline was called off");
            assertEquals(0, hub.channel.connectionCount());
        }
    }

    @Test
    void aClosingConnectionIsNoLongerPinged() {
        try (TestChannel hub = new TestChannel(Map.of("websocket.ping-interval", "PT1S",
                "websocket.message-timeout", "PT1S", "websocket.close-timeout", "PT1M"))) {
            TestChannel.Client client = hub.connectDeaf();  // it stays, closing, for the whole close timeout
            client.inbound().text(new byte[] {'{'}, false);  // a message never finished: closed at the next look
            hub.advance(Duration.ofSeconds(2));
            Await.until(() -> client.socket().writes.contains("CLOSE 1008"), "closed");
            long before = pings(client);
            hub.advance(Duration.ofSeconds(10));
            assertEquals(1, hub.channel.connectionCount(), "still there, closing");
            assertEquals(before, pings(client), "no ping once closing");
            client.socket().end();  // so that the shutdown need not wait the close timeout
        }
    }
}
