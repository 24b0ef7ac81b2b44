package dev.jamra.server.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.helidon.RouteTable;
import dev.jamra.server.testing.LogLines;
import dev.jamra.server.testing.RestClient;

import io.helidon.http.BadRequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import jakarta.json.Json;
import jakarta.json.JsonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one mapping of failures to JSON error bodies, on a routing of its own: each kind, its status and body. */
@RoutingTest
class ErrorHandlingTest {
    private final RestClient http;

    ErrorHandlingTest(DirectClient client) {
        this.http = RestClient.direct(client);
    }

    /** One route per failure; {@code /things} takes GET and POST only. */
    private static final class Failing implements HttpService {
        @Override
        public void routing(HttpRules rules) {
            rules.get("/invalid", (req, res) -> {
                throw ServiceException.Invalid.field("title", "title is too long");
            }).get("/forbidden", (req, res) -> {
                throw new ServiceException.Forbidden("Not from a web page");
            }).get("/missing", (req, res) -> {
                throw new ServiceException.NotFound("No item x");
            }).get("/conflict", (req, res) -> {
                throw new ServiceException.Conflict("Already there", Map.of("libraryId", "id-1"));
            }).get("/unsupported", (req, res) -> {
                throw new ServiceException.UnsupportedFormat("The body must be JSON");
            }).get("/source", (req, res) -> {
                throw new ServiceException.SourceFailure("The source 'x' could not answer",
                        new IllegalStateException("its own words"));
            }).get("/busy", (req, res) -> {
                throw new ServiceException.Unavailable("Too many requests wait", Duration.ofMillis(2500));
            }).get("/json", (req, res) -> {
                throw new JsonException("Unexpected char 12");
            }).get("/router", (req, res) -> {
                throw new BadRequestException("Bad header");
            }).get("/bug", (req, res) -> {
                throw new IllegalStateException("a secret path /home/x");
            }).get("/half", (req, res) -> {
                res.send("sent");
                throw new ServiceException.NotFound("too late");
            }).get("/things", (req, res) -> res.send("things"))
                    .post("/things", (req, res) -> res.send("made"));
        }
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        ErrorHandling.register(routing, new RouteTable(routing).register("/", new Failing()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/invalid     | 400 | title is too long",
            "/forbidden   | 403 | Not from a web page",
            "/missing     | 404 | No item x",
            "/conflict    | 409 | Already there",
            "/unsupported | 415 | The body must be JSON",
            "/source      | 502 | The source 'x' could not answer",
            "/busy        | 503 | Too many requests wait",
            "/json        | 400 | Malformed JSON: Unexpected char 12",
            "/router      | 400 | Bad header",
            "/nope        | 404 | No such resource",
    })
    void eachFailureAnswersWithItsStatusAndMessage(String path, int status, String message) {
        RestClient.Response answer = http.get(path);
        assertEquals(status, answer.status(), answer::body);
        assertEquals("application/json", answer.contentType());
        assertEquals(message, answer.message());
    }

    @Test
    void detailsTravelInTheBody() {
        assertEquals(Json.createObjectBuilder().add("message", "title is too long")
                .add("details", Json.createObjectBuilder().add("field", "title")).build(), http.get("/invalid").json());
        assertEquals("id-1", http.get("/conflict").json().getJsonObject("details").getString("libraryId"));
        assertTrue(http.get("/missing").json().getJsonObject("details") == null, "no details, no member");
    }

    @Test
    void unavailableSaysWhenToTryAgainInWholeSeconds() {
        assertEquals("3", http.get("/busy").header("Retry-After").orElseThrow());
        assertTrue(http.get("/source").header("Retry-After").isEmpty());
    }

    @Test
    void anythingElseIsALogged500ThatShowsNoInternals() {
        List<String> logged;
        try (LogLines log = LogLines.of(ErrorHandling.class, new java.util.concurrent.CopyOnWriteArrayList<>())) {
            RestClient.Response answer = http.get("/bug");
            assertEquals(500, answer.status());
            assertEquals("Internal server error", answer.message());
            logged = log.lines();
        }
        assertEquals(List.of("SEVERE Unhandled failure on GET /bug java.lang.IllegalStateException: a secret path"
                             + " /home/x"), logged);
    }

    @Test
    void aFailureAfterTheAnswerWentOutChangesNothing() {
        RestClient.Response answer = http.get("/half");
        assertEquals(200, answer.status());
        assertEquals("sent", answer.body());
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithAllowAndOptionsNamesTheMethods() {
        RestClient.Response wrong = http.delete("/things");
        assertEquals(405, wrong.status());
        assertEquals("GET, HEAD, POST, OPTIONS", wrong.header("Allow").orElseThrow());
        assertEquals("DELETE is not allowed on /things; allowed: GET, HEAD, POST, OPTIONS", wrong.message());
        RestClient.Response options = http.send("OPTIONS", "/things");
        assertEquals(Status.NO_CONTENT_204.code(), options.status());
        assertEquals("GET, HEAD, POST, OPTIONS", options.header("Allow").orElseThrow());
        assertEquals(404, http.send("OPTIONS", "/nope").status());
    }
}
