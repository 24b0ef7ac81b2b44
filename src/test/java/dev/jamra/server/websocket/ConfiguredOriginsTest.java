package dev.jamra.server.websocket;

import java.net.URI;
import java.util.Map;

import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A configured origin list replaces the default one; a configured host name is accepted. */
class ConfiguredOriginsTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(Map.of(
                    "websocket.allowed-origins.0", "https://reader.example",
                    "server.allowed-hosts.0", "jamra.lan"));

    private final URI uri = SERVER.uri();

    private int upgrade(Map<String, String> headers) {
        try (RawWebSocket client = RawWebSocket.upgrade(uri, "/", headers)) {
            return client.status();
        }
    }

    @Test
    void onlyTheConfiguredOriginsConnect() {
        assertEquals(101, upgrade(Map.of("Origin", "https://reader.example")));
        assertEquals(403, upgrade(Map.of("Origin", "http://localhost:5173")));
        assertEquals(403, upgrade(Map.of("Origin", "tauri://localhost")));
        assertEquals(101, upgrade(Map.of()));
    }

    @Test
    void configuredHostNameIsAccepted() {
        assertEquals(101, upgrade(Map.of("Host", "jamra.lan:" + uri.getPort())));
        assertEquals(101, upgrade(Map.of("Host", "jamra.lan:" + uri.getPort(), "Origin", "http://jamra.lan:" + uri.getPort())),
                "a page served by the server itself is same-origin");
        assertEquals(403, upgrade(Map.of("Host", "other.lan:" + uri.getPort())));
    }
}
