package dev.jamra.server.websocket;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.jamra.server.events.DownloadCancelled;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Pings, pongs and the idle timeout, with the timings shortened. */
class HeartbeatTest {
    /** Pings every 0.2 s, an idle peer closed after 1 s: the heartbeat's tests wait seconds, not minutes. */
    static final Map<String, String> SHORT_TIMINGS = Map.of(
            "websocket.ping-interval", "PT0.2S",
            "websocket.idle-timeout", "PT1S",
            "websocket.close-timeout", "PT1S");

    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(SHORT_TIMINGS)
            .connectionsGoneBeforeEach();

    private final URI uri = SERVER.uri();

    @Test
    void serverPingsAndAnswersPings() {
        try (RawWebSocket client = RawWebSocket.upgrade(uri, "/", Map.of())) {
            assertEquals(RawWebSocket.TEXT, client.readFrame().opcode(), "connect");
            assertEquals(RawWebSocket.PING, client.readFrame().opcode(), "the heartbeat pings");

            byte[] payload = "are you there".getBytes(StandardCharsets.UTF_8);
            client.sendFrame(RawWebSocket.PING, true, payload);
            RawWebSocket.Frame frame;
            do {
                frame = client.readFrame();
            } while (frame.opcode() == RawWebSocket.PING);
            assertEquals(RawWebSocket.PONG, frame.opcode());
            assertArrayEquals(payload, frame.payload(), "the pong echoes the ping");
        }
    }

    @Test
    void silentPeerIsClosedWhileOneThatAnswersPingsStays() {
        try (ChannelClient answering = ChannelClient.connect(uri);  // the JDK client answers pings by itself
             RawWebSocket silent = RawWebSocket.upgrade(uri, "/", Map.of())) {
            Await.until(() -> SERVER.app().channel().connectionCount() == 2, "both are registered");

            assertEquals(1000, silent.readUntilClose(), "closed for idleness");
            Await.until(() -> SERVER.app().channel().connectionCount() == 1, "the silent peer is removed");

            // the listener has been silent just as long, apart from its pongs
            assertFalse(answering.isClosed());
            SERVER.app().channel().publish(new DownloadCancelled("dl-still-here", "ch", 1));
            assertEquals("dl-still-here", answering.expect("download:cancelled").getJsonObject("data")
                    .getString("downloadId"));
        }
    }

    @Test
    void peerThatNeverAnswersTheCloseIsCutAfterTheCloseTimeout() {
        try (RawWebSocket silent = RawWebSocket.upgrade(uri, "/", Map.of())) {
            Await.until(() -> SERVER.app().channel().connectionCount() == 1, "it is registered");
            // it reads nothing and never answers the close frame: the socket is cut
            Await.until(() -> SERVER.app().channel().connectionCount() == 0, "it is removed");
            assertEquals(1000, silent.readUntilClose(), "the close frame was sent before the cut");
        }
    }
}
