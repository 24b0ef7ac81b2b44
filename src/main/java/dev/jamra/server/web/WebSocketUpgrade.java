package dev.jamra.server.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

/** Recognizes a WebSocket upgrade request, for the filters that treat upgrades apart. */
public final class WebSocketUpgrade {
    private WebSocketUpgrade() {
    }

    public static boolean requested(Headers headers) {
        return headers.first(HeaderNames.UPGRADE)
                .map(value -> value.trim().equalsIgnoreCase("websocket"))
                .orElse(false);
    }
}
