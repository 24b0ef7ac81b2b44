package dev.jamra.server.web;

import java.net.URI;

import dev.jamra.server.testing.RawHttp;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Requests the server refuses before routing still get the API's JSON error body. */
class JsonDirectHandlerTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private final URI uri = SERVER.uri();

    @Test
    void anUnparsablePathIsAJson400() {
        RawHttp.Answer answer = RawHttp.exchange(uri, "GET /api/library/%zz HTTP/1.1\r\nHost: localhost\r\n",
                new byte[0]);
        assertEquals(400, answer.status(), answer::toString);
        assertThat(answer.head().toLowerCase(), containsString("content-type: application/json"));
        assertThat(answer.body(), containsString("\"message\":"));
    }

    @Test
    void aDeclaredBodyOverTheLimitIsAJson413() {
        RawHttp.Answer answer = RawHttp.exchange(uri, "PUT /api/settings HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 5000000\r\n", new byte[0]);
        assertEquals(413, answer.status(), answer::toString);
        assertThat(answer.head().toLowerCase(), containsString("content-type: application/json"));
        assertEquals("{\"message\":\"The request body is larger than this server accepts\"}", answer.body());
    }
}
