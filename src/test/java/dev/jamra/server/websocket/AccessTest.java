package dev.jamra.server.websocket;

import java.net.URI;
import java.util.Map;

import dev.jamra.server.testing.RawHttp;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who may reach the server on its defaults: loopback Host names only, and trusted pages' origins. */
class AccessTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private final URI uri = SERVER.uri();

    private int upgrade(Map<String, String> headers) {
        try (RawWebSocket client = RawWebSocket.upgrade(uri, "/", headers)) {
            return client.status();
        }
    }

    @Test
    void foreignHostIsRefusedForHttpAndUpgrades() {
        RawHttp.Answer http = RawHttp.get(uri, "/health", "evil.example");
        assertEquals(403, http.status());
        assertThat(http.body(), containsString("\"message\""));
        assertEquals(403, RawHttp.get(uri, "/health", "evil.example:" + uri.getPort()).status());
        assertEquals(403, upgrade(Map.of("Host", "evil.example")));
        assertEquals(403, upgrade(Map.of("Host", "localhost.evil.example:" + uri.getPort())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "[::1]"})
    void loopbackHostsPass(String host) {
        assertEquals(200, RawHttp.get(uri, "/health", host + ":" + uri.getPort()).status());
        assertEquals(101, upgrade(Map.of("Host", host + ":" + uri.getPort())));
    }

    @Test
    void untrustedOriginIsRefusedBeforeAnyFrame() {
        try (RawWebSocket client = RawWebSocket.upgrade(uri, "/", Map.of("Origin", "https://evil.example"))) {
            assertEquals(403, client.status());
            assertThat(client.refusalBody(), containsString("may not open the event channel"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:5173", "tauri://localhost", "http://tauri.localhost"})
    void trustedOriginsConnect(String origin) {
        assertEquals(101, upgrade(Map.of("Origin", origin)));
    }

    @Test
    void nativeClientWithoutOriginConnects() {
        assertEquals(101, upgrade(Map.of()));
    }

    @Test
    void plainGetOfTheRootIsOrdinaryHttp() {
        RawHttp.Answer root = RawHttp.get(uri, "/", "localhost:" + uri.getPort());
        assertEquals(200, root.status());
        assertThat(root.body(), containsString("\"name\":\"JAMRA server\""));
    }
}
