package dev.jamra.server.websocket;

import java.util.Optional;

import dev.jamra.server.web.ErrorBodies;
import dev.jamra.server.web.OriginPolicy;
import dev.jamra.server.web.WebSocketUpgrade;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Judges WebSocket upgrades before any frame is sent: a page whose origin is not allowed gets 403, and an
 * upgrade while the server is full or shutting down gets 503. Other requests pass untouched.
 */
final class UpgradeFilter implements Filter {
    private final EventChannel channel;
    private final OriginPolicy origins;
    private final int maxConnections;

    UpgradeFilter(EventChannel channel, OriginPolicy origins, int maxConnections) {
        this.channel = channel;
        this.origins = origins;
        this.maxConnections = maxConnections;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!WebSocketUpgrade.requested(req.headers())) {
            chain.proceed();
            return;
        }
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        String host = req.headers().first(HeaderNames.HOST).orElse("");
        if (!origins.allows(origin, host)) {
            refuse(res, Status.FORBIDDEN_403, "Origin '" + origin.orElse("") + "' may not open the event channel;"
                                              + " add it to websocket.allowed-origins");
        } else if (!channel.accepting()) {
            refuse(res, Status.SERVICE_UNAVAILABLE_503, "Server shutting down");
        } else if (channel.connectionCount() >= maxConnections) {
            refuse(res, Status.SERVICE_UNAVAILABLE_503, "Too many connections (" + maxConnections
                                                         + "); try again later");
        } else {
            chain.proceed();
        }
    }

    private static void refuse(RoutingResponse res, Status status, String message) {
        // A filter cannot send a JsonObject (the media writer is not ready yet); a JSON string works.
        res.status(status)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .send(ErrorBodies.of(message).toString());
    }
}
