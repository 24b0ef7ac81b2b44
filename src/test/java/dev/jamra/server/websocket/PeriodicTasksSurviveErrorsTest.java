package dev.jamra.server.websocket;

import java.net.URI;
import java.util.Map;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An {@link OutOfMemoryError} in one run of the reaper does not stop later runs. With the default heartbeat
 * (a ping each 30 s) the reaper alone notices dropped connections within the test's wait.
 */
class PeriodicTasksSurviveErrorsTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .connectionsGoneBeforeEach();

    private final URI uri = SERVER.uri();

    private RawWebSocket connected(int expectedCount) {
        RawWebSocket client = RawWebSocket.upgrade(uri, "/", Map.of());
        assertEquals(101, client.status());
        client.readFrame();  // connect
        Await.until(() -> SERVER.app().channel().connectionCount() == expectedCount, "it is registered");
        return client;
    }

    @Test
    void theReaperGoesOnAfterAnOutOfMemoryError() {
        try (FailingLogHandler failing = FailingLogHandler.install(" ended: ")) {
            connected(1).drop();
            Await.until(() -> failing.thrown() == 1, "the reaper hit the error");
            Await.until(() -> SERVER.app().channel().connectionCount() == 0, "the first dropped connection is gone");

            connected(1).drop();
            Await.until(() -> SERVER.app().channel().connectionCount() == 0,
                    "a later run of the reaper removes the next");
        }
    }
}
