package dev.jamra.server.helidon;

import java.util.List;

import dev.jamra.server.websocket.EventChannel;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;

/** Puts the event channel on a Helidon server: its WebSocket endpoints, and the protocol's frame cap. */
public final class ChannelEndpoints {

    /** Endpoints of the channel: the renderer connects to the root, other clients may use {@code /ws}. */
    static final List<String> PATHS = List.of("/", "/ws");

    private ChannelEndpoints() {
    }

    /**
     * Adds the WebSocket protocol to {@code server}, with frames up to {@code maxMessageSize} (Helidon closes
     * with 1009 past it, before any callback), and the channel's endpoints, one {@link ChannelListener} per
     * connection.
     */
    public static void install(WebServerConfig.Builder server, EventChannel channel, int maxMessageSize) {
        WsRouting.Builder routing = WsRouting.builder();
        PATHS.forEach(path -> routing.endpoint(path, () -> new ChannelListener(channel)));
        server.addProtocol(WsConfig.builder()
                        .name("websocket")
                        .maxFrameLength(maxMessageSize)
                        .build())
                .addRouting(routing);
    }
}
