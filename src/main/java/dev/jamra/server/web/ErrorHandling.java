package dev.jamra.server.web;

import java.lang.System.Logger.Level;

import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;

/**
 * The one place that turns failures into JSON error bodies: typed API failures keep their status, broken JSON
 * is a 400, the router's own errors (404, 405, 413...) keep theirs, and anything else is a logged 500 whose body
 * never shows internals.
 */
public final class ErrorHandling {
    private static final System.Logger LOG = System.getLogger(ErrorHandling.class.getName());

    private ErrorHandling() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, e) ->
                        send(res, e.status(), ErrorBodies.of(e.getMessage(), e.details())))
                .error(JsonException.class, (req, res, e) -> send(res, Status.BAD_REQUEST_400,
                        ErrorBodies.of("Malformed JSON: " + e.getMessage())))
                .error(HttpException.class, (req, res, e) -> send(res, e.status(), ErrorBodies.of(messageOf(e))))
                .error(Exception.class, (req, res, e) -> {
                    LOG.log(Level.ERROR, "Unhandled failure on " + req.prologue().method() + " "
                            + req.path().path(), e);
                    send(res, Status.INTERNAL_SERVER_ERROR_500, ErrorBodies.of("Internal server error"));
                });
    }

    private static String messageOf(HttpException e) {
        if (e.status() == Status.NOT_FOUND_404) {
            return "No such resource";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.status().reasonPhrase() : message;
    }

    private static void send(ServerResponse res, Status status, JsonObject body) {
        if (res.isSent()) {
            return;
        }
        res.status(status).send(body);
    }
}
