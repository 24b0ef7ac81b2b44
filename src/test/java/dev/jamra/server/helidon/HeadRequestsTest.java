package dev.jamra.server.helidon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RawHttp;

import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link HeadRequests} works around, on bare Helidon servers: a {@code GET} route does not answer {@code HEAD},
 * and a {@code HEAD} route's body goes on the wire; with the filter, {@code HEAD} answers as {@code GET} without a
 * body, and the handler knows it is a {@code HEAD}.
 */
class HeadRequestsTest {
    private static final String BODY = "the body of the answer";

    private static WebServer bare;
    private static WebServer filtered;

    @BeforeAll
    static void start() {
        bare = WebServer.builder().port(0).host("localhost")
                .routing(routing -> routing
                        .get("/got", (req, res) -> res.send(BODY))
                        .route(Method.HEAD, "/head", (req, res) -> res.send(BODY)))
                .build().start();
        filtered = WebServer.builder().port(0).host("localhost")
                .routing(routing -> routing
                        .addFilter(new HeadRequests())
                        .get("/got", HeadRequestsTest::answer))
                .build().start();
    }

    @AfterAll
    static void stop() {
        bare.stop();
        filtered.stop();
    }

    private static void answer(ServerRequest req, ServerResponse res) {
        res.header("X-Asked-With", HeadRequests.isHead(req) ? "HEAD" : "GET").send(BODY);
    }

    @Test
    void helidonDoesNotAnswerHeadOnAGetRoute() {
        try (RawHttp.Connection connection = RawHttp.Connection.open(uri(bare))) {
            assertEquals(200, connection.send("GET", "/got").status());
            assertEquals(404, connection.send("HEAD", "/got").status(),
                    "Helidon answers HEAD on GET routes itself now: HeadRequests may go");
        }
    }

    @Test
    void helidonWritesTheBodyOfAHeadAnswer() throws IOException {
        assertEquals(BODY, bytesBetweenHeadAndNextAnswer(uri(bare), "/head"), "Helidon drops the body of a HEAD"
                + " answer itself now: the stream filter of HeadRequests may go");
    }

    @Test
    void withTheFilterHeadAnswersAsGetWithoutABody() throws IOException {
        try (RawHttp.Connection connection = RawHttp.Connection.open(uri(filtered))) {
            RawHttp.Answer get = connection.send("GET", "/got");
            RawHttp.Answer head = connection.send("HEAD", "/got");
            assertEquals(200, head.status(), head::head);
            assertEquals("GET", get.header("X-Asked-With").orElseThrow());
            assertEquals("HEAD", head.header("X-Asked-With").orElseThrow(), "the handler knows");
            assertEquals(get.header("Content-Type"), head.header("Content-Type"));
            assertEquals(BODY, connection.send("GET", "/got").body(), "no body came between the answers");
        }
        assertEquals("", bytesBetweenHeadAndNextAnswer(uri(filtered), "/got"));
    }

    /**
     * What a server sends after the head of its answer to a {@code HEAD} and before its answer to the {@code GET}
     * that follows on the same connection: a body a client would take for the start of the next answer.
     */
    private static String bytesBetweenHeadAndNextAnswer(URI server, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), (int) Await.TIMEOUT.toMillis());
            socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String head = readUntil(in, "\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200 "), head);
            out.write(("GET /got HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String next = readUntil(in, "HTTP/1.1 ");
            return next.substring(0, next.length() - "HTTP/1.1 ".length());
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        while (text.indexOf(end) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed after: " + text);
            }
            text.append((char) b);
        }
        return text.toString();
    }

    private static URI uri(WebServer server) {
        return URI.create("http://localhost:" + server.port());
    }
}
