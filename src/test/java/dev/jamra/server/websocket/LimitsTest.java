package dev.jamra.server.websocket;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Message size, subscription and connection limits (set here; a small connection cap). */
class LimitsTest {
    private static final int MAX_CONNECTIONS = 4;
    private static final int MAX_MESSAGE = 64 * 1024;
    private static final int MAX_SUBSCRIPTIONS = 1_000;

    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(Map.of("websocket.max-connections", String.valueOf(MAX_CONNECTIONS),
                    "websocket.max-message-size", String.valueOf(MAX_MESSAGE),
                    "websocket.max-subscriptions", String.valueOf(MAX_SUBSCRIPTIONS)))
            .connectionsGoneBeforeEach();

    private final URI uri = SERVER.uri();

    @Test
    void oversizedFrameClosesWith1009AndTheConnectionIsRemoved() {
        try (RawWebSocket client = RawWebSocket.connected(uri)) {
            Await.until(() -> SERVER.app().channel().connectionCount() == 1, "it is registered");
            client.sendFrame(RawWebSocket.TEXT, true, new byte[MAX_MESSAGE + 1]);
            assertEquals(1009, client.readUntilClose());
            Await.until(() -> SERVER.app().channel().connectionCount() == 0, "it is removed");
        }
    }

    @Test
    void oversizedMessageInContinuationFramesClosesWith1009() {
        try (RawWebSocket client = RawWebSocket.connected(uri)) {
            byte[] part = new byte[30 * 1024];
            java.util.Arrays.fill(part, (byte) ' ');
            client.sendFrame(RawWebSocket.TEXT, false, part);
            client.sendFrame(RawWebSocket.CONTINUATION, false, part);
            client.sendFrame(RawWebSocket.CONTINUATION, true, part);
            assertEquals(1009, client.readUntilClose());
            Await.until(() -> SERVER.app().channel().connectionCount() == 0, "it is removed");
        }
    }

    @Test
    void messageOfExactlyTheLimitInFramesIsAssembledAndRead() {
        try (RawWebSocket client = RawWebSocket.connected(uri)) {
            String json = "{\"event\":\"subscribe:download\",\"data\":{\"downloadId\":\"dl-big\"}}";
            byte[] whole = (json + " ".repeat(MAX_MESSAGE - json.length())).getBytes(StandardCharsets.UTF_8);
            int half = whole.length / 2;
            client.sendFrame(RawWebSocket.TEXT, false, java.util.Arrays.copyOfRange(whole, 0, half));
            client.sendFrame(RawWebSocket.CONTINUATION, true, java.util.Arrays.copyOfRange(whole, half, whole.length));
            String ack = client.readFrame().text();
            assertThat(ack, containsString("\"subscription:ack\""));
            assertThat(ack, containsString("dl-big"));
        }
    }

    @Test
    void subscriptionPastTheLimitGetsAnError() {
        try (ChannelClient client = ChannelClient.connect(uri)) {
            for (int i = 0; i < MAX_SUBSCRIPTIONS; i++) {
                client.send(ChannelClient.message("subscribe:download", "dl-" + i));
            }
            for (int i = 0; i < MAX_SUBSCRIPTIONS; i++) {
                client.expectAck("subscribed", "dl-" + i);
            }
            client.send(ChannelClient.message("subscribe:download", "dl-one-more"));
            assertThat(client.expect("error").getJsonObject("data").getString("message"),
                    containsString("Subscription limit reached"));
            client.subscribe("dl-0");  // an id already held is still fine
            client.unsubscribe("dl-1");
            client.subscribe("dl-one-more");  // and room made is room to use
        }
    }

    @Test
    void upgradePastTheConnectionCapIsRefusedWith503() {
        List<ChannelClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                open.add(ChannelClient.connect(uri));
            }
            Await.until(() -> SERVER.app().channel().connectionCount() == MAX_CONNECTIONS, "all are registered");
            try (RawWebSocket refused = RawWebSocket.upgrade(uri, "/", Map.of())) {
                assertEquals(503, refused.status());
                assertThat(refused.refusalBody(), containsString("Too many connections"));
            }
            open.removeFirst().close();
            Await.until(() -> SERVER.app().channel().connectionCount() == MAX_CONNECTIONS - 1, "a place is free");
            open.add(ChannelClient.connect(uri));
        } finally {
            open.forEach(ChannelClient::close);
        }
    }
}
