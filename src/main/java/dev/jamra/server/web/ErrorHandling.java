package dev.jamra.server.web;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.stream.Collectors;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.helidon.HeadRequests;
import dev.jamra.server.helidon.RouteTable;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;

/**
 * The one place that turns failures into JSON error bodies: each kind of {@link ServiceException} gets its status
 * here (invalid 400, forbidden 403, not found 404, conflict 409, unsupported format 415, source failure 502,
 * unavailable 503 with {@code Retry-After}), broken JSON is a 400, the router's own errors (404, 413...) keep
 * theirs, and anything else is a logged 500 whose body never shows internals. A request no route took is a 405
 * with {@code Allow} when the {@link RouteTable} knows its path under other methods ({@code OPTIONS} gets a 204
 * with {@code Allow}), else a 404.
 */
public final class ErrorHandling {
    private static final System.Logger LOG = System.getLogger(ErrorHandling.class.getName());

    private ErrorHandling() {
    }

    /** Error handling for a routing whose routes no {@link RouteTable} knows: every unrouted request is a 404. */
    public static void register(HttpRouting.Builder routing) {
        register(routing, new RouteTable(routing));
    }

    public static void register(HttpRouting.Builder routing, RouteTable routes) {
        routing.error(ServiceException.class, (req, res, e) -> {
                    if (e instanceof ServiceException.Unavailable unavailable) {
                        res.header(HeaderNames.RETRY_AFTER, String.valueOf(retryAfterSeconds(unavailable)));
                    }
                    send(res, statusOf(e), ErrorBodies.of(e.getMessage(), e.details()));
                })
                .error(JsonException.class, (req, res, e) -> send(res, Status.BAD_REQUEST_400,
                        ErrorBodies.of("Malformed JSON: " + e.getMessage())))
                .error(HttpException.class, (req, res, e) -> {
                    if (!(e instanceof NotFoundException) || !wrongMethod(req, res, routes)) {
                        send(res, e.status(), ErrorBodies.of(messageOf(e)));
                    }
                })
                .error(Exception.class, (req, res, e) -> {
                    LOG.log(Level.ERROR, "Unhandled failure on " + req.prologue().method() + " "
                            + req.path().path(), e);
                    send(res, Status.INTERNAL_SERVER_ERROR_500, ErrorBodies.of("Internal server error"));
                });
    }

    static Status statusOf(ServiceException e) {
        return switch (e) {
            case ServiceException.Invalid invalid -> Status.BAD_REQUEST_400;
            case ServiceException.Forbidden forbidden -> Status.FORBIDDEN_403;
            case ServiceException.NotFound notFound -> Status.NOT_FOUND_404;
            case ServiceException.Conflict conflict -> Status.CONFLICT_409;
            case ServiceException.UnsupportedFormat unsupported -> Status.UNSUPPORTED_MEDIA_TYPE_415;
            case ServiceException.SourceFailure failure -> Status.BAD_GATEWAY_502;
            case ServiceException.Unavailable unavailable -> Status.SERVICE_UNAVAILABLE_503;
        };
    }

    /** {@code Retry-After} in whole seconds, rounded up, at least one. */
    static long retryAfterSeconds(ServiceException.Unavailable e) {
        long millis = e.retryAfter().toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** Answers a request to a known path with the wrong method; false when the path is unknown. */
    private static boolean wrongMethod(ServerRequest req, ServerResponse res, RouteTable routes) {
        String path = req.prologue().uriPath().rawPath();
        Set<Method> allowed = routes.allowed(path);
        Method method = HeadRequests.isHead(req) ? Method.HEAD : req.prologue().method();
        // A route that takes this very method was not reached: Helidon routed another form of the path (a "..",
        // say, normalized away), so the path as routed is unknown.
        if (allowed.isEmpty() || res.isSent() || (method != Method.OPTIONS && allowed.contains(method))) {
            return false;
        }
        String allow = allowed.stream().map(Method::text).collect(Collectors.joining(", "));
        res.header(HeaderNames.ALLOW, allow);
        if (method == Method.OPTIONS) {
            res.status(Status.NO_CONTENT_204).send();
        } else {
            send(res, Status.METHOD_NOT_ALLOWED_405,
                    ErrorBodies.of(method.text() + " is not allowed on " + path + "; allowed: " + allow));
        }
        return true;
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
