package dev.jamra.server.websocket;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Messages in several frames: characters split between frames, invalid UTF-8, and messages never finished. */
class FragmentedMessagesTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(Map.of(
                    "websocket.message-timeout", "PT1S"))
            .connectionsGoneBeforeEach();

    private final URI uri = SERVER.uri();

    /** The next text frame, skipping the heartbeat's pings. */
    private static String nextText(RawWebSocket client) {
        while (true) {
            RawWebSocket.Frame frame = client.readFrame();
            if (frame.opcode() != RawWebSocket.PING && frame.opcode() != RawWebSocket.PONG) {
                assertEquals(RawWebSocket.TEXT, frame.opcode(), () -> "a text frame, not opcode " + frame.opcode());
                return frame.text();
            }
        }
    }

    @Test
    void charactersSplitBetweenFramesArriveWhole() {
        String id = "dl-é€😀";  // two, three and four bytes in UTF-8
        byte[] whole = ("{\"event\":\"subscribe:download\",\"data\":{\"downloadId\":\"" + id + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        int e = indexOf(whole, (byte) 0xC3);
        int euro = indexOf(whole, (byte) 0xE2);
        int smile = indexOf(whole, (byte) 0xF0);
        int[] cuts = {e + 1, euro + 1, euro + 2, smile + 1, smile + 3, whole.length};
        try (RawWebSocket client = RawWebSocket.connected(uri)) {
            int from = 0;
            for (int i = 0; i < cuts.length; i++) {
                client.sendFrame(i == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION, i == cuts.length - 1,
                        Arrays.copyOfRange(whole, from, cuts[i]));
                if (i == 1) {
                    client.sendFrame(RawWebSocket.PING, true, new byte[] {1});  // control frames may come between
                }
                from = cuts[i];
            }
            String ack;
            do {
                ack = nextText(client);
            } while (!ack.contains("subscription:ack"));
            assertThat(ack, containsString("\"downloadId\":\"" + id + "\""));
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("no byte " + b);
    }

    @Test
    void aMessageThatIsNotUtf8ClosesWith1007() {
        try (RawWebSocket client = RawWebSocket.connected(uri)) {
            client.sendFrame(RawWebSocket.TEXT, false, "{\"event\":\"".getBytes(StandardCharsets.UTF_8));
            client.sendFrame(RawWebSocket.CONTINUATION, true, new byte[] {(byte) 0xC3, '"', '}'});
            assertEquals(1007, client.readUntilClose());
            Await.until(() -> SERVER.app().channel().connectionCount() == 0, "it is removed");
        }
    }

    @Test
    void aMessageLeftUnfinishedPastTheMessageTimeoutClosesWith1008() {
        try (RawWebSocket client = RawWebSocket.connected(uri)) {
            client.sendFrame(RawWebSocket.TEXT, false, "{\"event\":".getBytes(StandardCharsets.UTF_8));
            assertEquals(1008, client.readUntilClose());
            Await.until(() -> SERVER.app().channel().connectionCount() == 0, "it is removed");
        }
    }
}
