package dev.jamra.server.websocket;

import java.net.URI;
import java.time.Duration;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.TestServer;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Helidon internals {@link SessionSocket} relies on, checked on a real connection: if an upgrade of Helidon
 * changes them, this fails instead of the channel quietly writing slower or no longer cutting stalled clients.
 */
@ServerTest
class SessionSocketTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private final URI uri = SERVER.uri();

    @SetUpServer
    static void setup(WebServerConfig.Builder server) {
        SERVER.setUp(server);
    }

    @Test
    void aRealSessionOffersRawWritesAndACutThatClosesTheSocket() {
        try (ChannelClient client = ChannelClient.connect(uri)) {
            Await.until(() -> SERVER.app().channel().connectionCount() == 1, "it is registered");
            ClientConnection connection = SERVER.app().channel().subscriptions().connections().iterator().next();
            SessionSocket socket = connection.writer().socket();
            assertTrue(socket.writesRawFrames(), "the session's socket context is a ConnectionContext");
            assertTrue(socket.canCut(), "the session is a ServerConnection");

            socket.cut();
            client.awaitClose(Duration.ofSeconds(10));
            Await.until(() -> !connection.socketAlive(), "Helidon's thread for the socket ended");
        }
    }
}
