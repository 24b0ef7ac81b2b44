package dev.jamra.server.web;

import java.net.URI;
import java.util.Map;

import dev.jamra.server.testing.RawHttp;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code ALLOWED_HOSTS=*}: every {@code Host} passes, yet a page whose DNS name was rebound to the server, sending
 * that name as {@code Host} and {@code Origin}, can neither call the API nor open the event channel.
 */
class AnyHostTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .configured(Map.of("server.allowed-hosts.0", "*"));

    private final URI uri = SERVER.uri();

    @Test
    void aReboundPageIsNotTrustedAsTheServersOwnOrigin() {
        String evil = "evil.example:" + uri.getPort();
        assertEquals(200, get("/api/library", evil, null).status(), "any host name passes the host check");
        RawHttp.Answer api = get("/api/library", evil, "http://" + evil);
        assertEquals(403, api.status(), api::body);
        try (RawWebSocket channel = RawWebSocket.upgrade(uri, "/", Map.of("Host", evil, "Origin", "http://" + evil))) {
            assertEquals(403, channel.status());
        }
        assertEquals(200, get("/api/library", "localhost:" + uri.getPort(), "http://localhost:" + uri.getPort())
                .status(), "the server's own loopback origin still passes");
    }

    private RawHttp.Answer get(String path, String host, String origin) {
        return RawHttp.exchange(uri, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                                     + (origin == null ? "" : "Origin: " + origin + "\r\n"), new byte[0]);
    }
}
