package dev.jamra.server.helidon;

import java.util.Base64;
import java.util.Optional;

import dev.jamra.server.web.ErrorBodies;
import dev.jamra.server.web.OriginPolicy;
import dev.jamra.server.web.WebSocketUpgrade;
import dev.jamra.server.websocket.EventChannel;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Judges WebSocket upgrades before any frame is sent: a malformed key gets 400, a page whose origin is not
 * allowed 403, and an upgrade while the server is full or shutting down 503. Other requests pass untouched.
 * Helidon's public API alone: since 4.5.0 upgrade requests pass through the HTTP routing's filters.
 */
public final class UpgradeFilter implements Filter {
    private static final HeaderName SEC_WEBSOCKET_KEY = HeaderNames.create("Sec-WebSocket-Key");

    private final EventChannel channel;
    private final OriginPolicy origins;
    private final int maxConnections;

    public UpgradeFilter(EventChannel channel, OriginPolicy origins, int maxConnections) {
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
        if (!validKey(req.headers().first(SEC_WEBSOCKET_KEY))) {
            refuse(res, Status.BAD_REQUEST_400, "Sec-WebSocket-Key must be the base64 of 16 bytes");
        } else if (!origins.allows(origin, host)) {
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

    /** RFC 6455 section 4.1: the key is 16 random bytes in base64; Helidon answers 500 to one it cannot decode. */
    private static boolean validKey(Optional<String> key) {
        if (key.isEmpty()) {
            return true;  // Helidon answers a missing key itself, with 400
        }
        try {
            return Base64.getDecoder().decode(key.get().trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void refuse(RoutingResponse res, Status status, String message) {
        // A filter cannot send a JsonObject (the media writer is not ready yet); a JSON string works.
        res.status(status)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .send(ErrorBodies.of(message).toString());
    }
}
