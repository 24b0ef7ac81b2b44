package dev.jamra.server.websocket;

import java.net.URI;
import java.util.Map;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An {@link OutOfMemoryError} in one run of the heartbeat does not stop its pings and idle closes. */
class HeartbeatSurvivesErrorsTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(HeartbeatTest.SHORT_TIMINGS);

    private final URI uri = SERVER.uri();

    @Test
    void aSilentPeerIsStillClosedAfterTheHeartbeatHitAnOutOfMemoryError() {
        try (FailingLogHandler failing = FailingLogHandler.install("; closing it");
             RawWebSocket silent = RawWebSocket.upgrade(uri, "/", Map.of())) {
            assertEquals(101, silent.status());
            Await.until(() -> failing.thrown() == 1, "the heartbeat hit the error while closing the silent peer");
            assertEquals(1000, silent.readUntilClose(), "a later heartbeat closed it for idleness");
            Await.until(() -> SERVER.app().channel().connectionCount() == 0, "it is removed");
        }
    }
}
