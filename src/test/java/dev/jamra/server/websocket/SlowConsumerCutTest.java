package dev.jamra.server.websocket;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.jamra.server.events.DownloadFailed;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A slow consumer that cannot even take its close frame is cut once the close timeout passes. */
class SlowConsumerCutTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(Map.of("websocket.close-timeout", "PT1S"));

    private final URI uri = SERVER.uri();

    @Test
    void stalledClientIsCutAfterTheCloseTimeout() {
        try (RawWebSocket stalled = RawWebSocket.upgrade(uri, "/", Map.of(), 4096)) {
            assertEquals(101, stalled.status());
            Await.until(() -> SERVER.app().channel().connectionCount() == 1, "it is registered");
            String reason = "x".repeat(600);
            for (int n = 0; SERVER.app().channel().stats().slowConsumerCloses() == 0; n++) {
                if (n > 100_000) {
                    throw new AssertionError("never counted as slow");
                }
                SERVER.app().channel().publish(new DownloadFailed("dl-" + n, "ch", reason, n));
            }
            // its close frame is stuck behind unread data, so the socket is cut
            Await.until(() -> SERVER.app().channel().connectionCount() == 0, Duration.ofSeconds(10),
                    "the stalled client is cut");
        }
    }
}
