package dev.jamra.server.web;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;

import dev.jamra.server.testing.RawHttp;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Methods as HTTP means them: 405 with {@code Allow} for a known path, HEAD wherever GET works, JSON 404 else. */
class HttpSemanticsTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create();

    private final URI uri = SERVER.uri();
    private final RestClient http = SERVER.http();

    private RestClient.Response send(String method, String path) {
        return http.send(method, path, BodyPublishers.noBody(), Map.of());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "DELETE | /api/library                         | GET, HEAD, POST, OPTIONS",
            "PUT    | /api/library/some-id                 | GET, HEAD, PATCH, DELETE, OPTIONS",
            "POST   | /api/library/some-id/favorite        | PATCH, OPTIONS",
            "DELETE | /api/library/some-id/progress        | GET, HEAD, PUT, OPTIONS",
            "POST   | /api/library/some-id/chapters/c/progress | GET, HEAD, OPTIONS",
            "POST   | /health                              | GET, HEAD, OPTIONS",
            "PUT    | /                                    | GET, HEAD, OPTIONS",
            "POST   | /api/reader/some-id/chapters/c/pages/1 | GET, HEAD, OPTIONS",
            "PATCH  | /api/downloads                       | GET, HEAD, POST, OPTIONS",
            "POST   | /api/settings/some-key               | GET, HEAD, DELETE, OPTIONS",
    })
    void aKnownPathWithAnotherMethodIs405WithAllow(String method, String path, String allow) {
        RestClient.Response answer = send(method, path);
        assertEquals(405, answer.status(), answer::toString);
        assertEquals(allow, answer.header("Allow").orElseThrow());
        assertEquals("application/json", answer.contentType());
        assertThat(answer.message(), containsString(method + " is not allowed"));
    }

    @ParameterizedTest(name = "OPTIONS {0}")
    @CsvSource(delimiter = '|', value = {
            "/api/library                  | GET, HEAD, POST, OPTIONS",
            "/api/library/some-id/last-read | GET, HEAD, OPTIONS",
    })
    void optionsNamesTheMethods(String path, String allow) {
        RestClient.Response answer = send("OPTIONS", path);
        assertEquals(204, answer.status(), answer::toString);
        assertEquals(allow, answer.header("Allow").orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /nope", "POST /nope", "DELETE /api/nope", "OPTIONS /api/nope",
            "GET /api/library/id/extra/parts", "PUT /api/libraryx"})
    void anUnknownPathIsAJson404(String request) {
        String[] parts = request.split(" ");
        RestClient.Response answer = send(parts[0], parts[1]);
        assertEquals(404, answer.status(), answer::toString);
        assertEquals("application/json", answer.contentType());
        assertTrue(answer.header("Allow").isEmpty());
        assertEquals("No such resource", answer.message());
    }

    @ParameterizedTest(name = "{0} with a dot-dot segment")
    @ValueSource(strings = {"GET /api/settings/..", "DELETE /api/library/..", "GET /api/downloads/.."})
    void aPathThatNormalizesToAnUnknownOneIsA404(String request) {
        String[] parts = request.split(" ");
        try (RawHttp.Connection connection = RawHttp.Connection.open(uri)) {
            RawHttp.Answer answer = connection.send(parts[0], parts[1]);
            assertEquals(404, answer.status(), answer::head);
            assertTrue(answer.header("Allow").isEmpty(), answer::head);
        }
    }

    @ParameterizedTest(name = "HEAD {0}")
    @ValueSource(strings = {"/", "/health", "/api/library", "/api/library/stats", "/api/library/no-such-id",
            "/api/settings", "/api/extensions", "/api/downloads", "/api/downloads/stats", "/nope"})
    void headAnswersAsGetWithoutABody(String path) {
        try (RawHttp.Connection connection = RawHttp.Connection.open(uri)) {
            RawHttp.Answer get = connection.send("GET", path);
            RawHttp.Answer head = connection.send("HEAD", path);
            assertEquals(get.status(), head.status(), head::head);
            assertEquals(get.header("Content-Type"), head.header("Content-Type"));
            // a body sent after the HEAD answer would be read as the start of the next one
            RawHttp.Answer after = connection.send("GET", path);
            assertEquals(get.status(), after.status(), after::head);
            assertEquals(get.body().length(), after.body().length());
        }
    }

    @Test
    void headOfAPathWithoutGetIsRefusedLikeAnyOtherMethod() {
        try (RawHttp.Connection connection = RawHttp.Connection.open(uri)) {
            RawHttp.Answer head = connection.send("HEAD", "/api/library/some-id/favorite");
            assertEquals(405, head.status(), head::head);
            assertEquals("PATCH, OPTIONS", head.header("Allow").orElseThrow());
            assertEquals(404, connection.send("GET", "/api/library/some-id").status(), "the connection goes on");
        }
    }
}
