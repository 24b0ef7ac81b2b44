package dev.jamra.server.websocket;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Frames and upgrades that break the protocol get a clean close or a 4xx, never a 500 or internals. */
class MalformedFramesTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .connectionsGoneBeforeEach();

    private final URI uri = SERVER.uri();

    /** The close frame, skipping other frames; an HTTP response read as a frame fails here. */
    private static RawWebSocket.Frame closeFrame(RawWebSocket client) {
        while (true) {
            RawWebSocket.Frame frame = client.readFrame();
            if (frame.opcode() == RawWebSocket.CLOSE) {
                return frame;
            }
            assertEquals(RawWebSocket.TEXT, frame.opcode(), "a text or a close frame, not " + frame.opcode());
        }
    }

    @Test
    void aReservedOpcodeClosesWith1002AfterTheFramesBeforeIt() {
        try (RawWebSocket client = RawWebSocket.connected(uri)) {
            byte[] subscribe = "{\"event\":\"subscribe:download\",\"data\":{\"downloadId\":\"dl-1\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            client.sendFrame(RawWebSocket.TEXT, true, subscribe);
            client.sendFrame(0x3, true, new byte[] {1, 2, 3});
            assertThat(client.readFrame().text(), containsString("subscription:ack"));
            RawWebSocket.Frame close = closeFrame(client);
            assertEquals(1002, close.closeCode());
            Await.until(() -> SERVER.app().channel().connectionCount() == 0, "it is removed");
        }
    }

    @Test
    void reservedBitsCloseWith1002() {
        try (RawWebSocket client = RawWebSocket.connected(uri)) {
            client.sendFrame(0x40 | RawWebSocket.TEXT, true, "{}".getBytes(StandardCharsets.UTF_8));
            assertEquals(1002, closeFrame(client).closeCode());
        }
    }

    @Test
    void aCloseFrameOfOneByteClosesWith1002WithoutInternals() {
        try (RawWebSocket client = RawWebSocket.connected(uri)) {
            client.sendFrame(RawWebSocket.CLOSE, true, new byte[] {0x03});
            RawWebSocket.Frame close = closeFrame(client);
            assertEquals(1002, close.closeCode());
            assertThat(close.text(), not(containsString("buffer")));
        }
    }

    @Test
    void anUpgradeWithAKeyThatIsNotBase64Gets400() {
        try (RawWebSocket refused = RawWebSocket.upgrade(uri, "/", Map.of("Sec-WebSocket-Key", "not base64 ###"))) {
            assertEquals(400, refused.status());
            assertThat(refused.refusalBody(), containsString("Sec-WebSocket-Key"));
        }
    }
}
