package dev.jamra.server.web;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Cross-origin access to the REST API for the pages the {@link OriginPolicy} trusts: the renderer runs from
 * {@code tauri://localhost} or a development server on another port, so its calls to this server are
 * cross-origin and the browser needs CORS headers to let it read the answers. A request from a page the
 * policy does not trust is refused with 403, so it cannot change anything either. Requests without
 * {@code Origin} (native clients) and WebSocket upgrades (judged by the event channel) pass untouched.
 */
public final class CorsFilter implements Filter {
    private static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String MAX_AGE_SECONDS = "600";

    private final OriginPolicy origins;

    public CorsFilter(OriginPolicy origins) {
        this.origins = origins;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty() || WebSocketUpgrade.requested(req.headers())) {
            chain.proceed();
            return;
        }
        String host = req.headers().first(HeaderNames.HOST).orElse("");
        if (!origins.allows(origin, host)) {
            res.status(Status.FORBIDDEN_403)
                    .header(HeaderValues.CONTENT_TYPE_JSON)
                    .send(ErrorBodies.of("Origin '" + origin.get() + "' may not use this server; add it to"
                                         + " websocket.allowed-origins").toString());
            return;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
        res.header(HeaderNames.VARY, "Origin");
        if (req.prologue().method() == Method.OPTIONS
            && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)
                    .ifPresent(headers -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, headers));
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        chain.proceed();
    }
}
