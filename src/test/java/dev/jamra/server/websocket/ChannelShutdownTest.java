package dev.jamra.server.websocket;

import java.util.Map;
import java.util.Optional;

import dev.jamra.server.testing.Await;
import dev.jamra.server.websocket.delivery.RecordingSocket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The channel's shutdown without a server: every client closed with 1001, the deaf ones cut, its timers stopped. */
class ChannelShutdownTest {

    /** A client that answers the close frame at once, as the transport then reports. */
    private static final class Polite extends RecordingSocket {
        volatile Inbound inbound;

        @Override
        public void close(int code, String reason) {
            super.close(code, reason);
            inbound.close(code, "bye");
            end();
        }
    }

    @Test
    void everyClientIsClosedWith1001ThoseThatDoNotAnswerAreCutAndNothingIsLeftRunning() {
        TestChannel hub = new TestChannel(Map.of("websocket.close-timeout", "PT0.2S",  // the wait is real
                "websocket.max-connections", "3"));
        Polite polite = new Polite();
        RecordingSocket deaf = new RecordingSocket();
        RecordingSocket stalled = new RecordingSocket(true);
        RecordingSocket turnedAway = new RecordingSocket();
        polite.inbound = hub.channel.open(polite, Optional.empty());
        hub.channel.open(deaf, Optional.empty());
        hub.channel.open(stalled, Optional.empty());
        hub.channel.open(turnedAway, Optional.empty());  // closed with 1013, and never answers
        Await.until(() -> polite.texts.size() == 1 && deaf.texts.size() == 1 && stalled.writing.get() == 1,
                "all connected; the stalled one holds its connect");
        assertTrue(hub.time.pending() > 0, "the heartbeat and the reaper are scheduled");

        hub.channel.shutdown();

        assertEquals("CLOSE 1001", polite.writes.getLast());
        assertEquals("Server shutting down", polite.closeReason());
        assertFalse(polite.wasCut(), "it answered in time");
        assertEquals("CLOSE 1001", deaf.writes.getLast());
        assertTrue(deaf.wasCut(), "it never answered");
        assertTrue(stalled.wasCut(), "it could not even take its close frame");
        assertEquals("CLOSE 1013", turnedAway.writes.getLast());
        assertTrue(turnedAway.wasCut(), "turned away before, it had not answered its close either");
        assertEquals(0, hub.channel.connectionCount());
        assertEquals(0, hub.time.pending(), "the timers are stopped");
        assertFalse(hub.channel.accepting());
        hub.channel.shutdown();  // a second one is harmless
    }
}
