package dev.jamra.server.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.jamra.server.web.OriginPolicy;

import io.helidon.config.Config;

/**
 * The event channel's limits and timings ({@code websocket.*} in the configuration).
 *
 * @param maxMessageSize   largest client message in bytes, over all its frames; larger closes with 1009
 * @param maxSubscriptions download subscriptions one connection may hold
 * @param maxConnections   open connections; upgrades past it get 503
 * @param queueCapacity    messages waiting for one client before it counts as a slow consumer
 * @param pingInterval     how often every connection is pinged
 * @param idleTimeout      silence (no message, ping or pong) after which a connection is closed
 * @param closeTimeout     how long a closing connection may take to finish before its socket is cut
 * @param allowedOrigins   origin patterns allowed to connect; replaces {@link OriginPolicy#DEFAULT_PATTERNS}
 * @param subscriptionMemory bytes the subscriptions of all connections may take together; a subscribe past it
 *                         gets an {@code error}
 * @param messageTimeout   time a client may take to finish a message sent in several frames; past it the
 *                         connection is closed with 1008
 */
public record WebSocketSettings(int maxMessageSize,
                                int maxSubscriptions,
                                int maxConnections,
                                int queueCapacity,
                                Duration pingInterval,
                                Duration idleTimeout,
                                Duration closeTimeout,
                                List<String> allowedOrigins,
                                long subscriptionMemory,
                                Duration messageTimeout) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 1_000;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_QUEUE_CAPACITY = 1_024;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(75);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    public static final long DEFAULT_SUBSCRIPTION_MEMORY = 64L * 1024 * 1024;
    public static final Duration DEFAULT_MESSAGE_TIMEOUT = Duration.ofSeconds(10);

    public WebSocketSettings {
        positive(maxMessageSize, "max-message-size");
        positive(maxSubscriptions, "max-subscriptions");
        positive(maxConnections, "max-connections");
        positive(queueCapacity, "queue-capacity");
        positive(pingInterval, "ping-interval");
        positive(idleTimeout, "idle-timeout");
        positive(closeTimeout, "close-timeout");
        allowedOrigins = List.copyOf(allowedOrigins);
        if (subscriptionMemory <= 0) {
            throw new IllegalArgumentException("websocket.subscription-memory must be positive, was "
                                               + subscriptionMemory);
        }
        positive(messageTimeout, "message-timeout");
    }

    /** The defaults of PROTOCOL.md. */
    public static WebSocketSettings defaults() {
        return new WebSocketSettings(DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_SUBSCRIPTIONS, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_QUEUE_CAPACITY, DEFAULT_PING_INTERVAL, DEFAULT_IDLE_TIMEOUT, DEFAULT_CLOSE_TIMEOUT,
                OriginPolicy.DEFAULT_PATTERNS, DEFAULT_SUBSCRIPTION_MEMORY, DEFAULT_MESSAGE_TIMEOUT);
    }

    /** Reads the {@code websocket} node; every key is optional. Durations are ISO-8601 ({@code PT30S}). */
    public static WebSocketSettings from(Config websocket) {
        return new WebSocketSettings(
                websocket.get("max-message-size").asInt().orElse(DEFAULT_MAX_MESSAGE_SIZE),
                websocket.get("max-subscriptions").asInt().orElse(DEFAULT_MAX_SUBSCRIPTIONS),
                websocket.get("max-connections").asInt().orElse(DEFAULT_MAX_CONNECTIONS),
                websocket.get("queue-capacity").asInt().orElse(DEFAULT_QUEUE_CAPACITY),
                websocket.get("ping-interval").as(Duration.class).orElse(DEFAULT_PING_INTERVAL),
                websocket.get("idle-timeout").as(Duration.class).orElse(DEFAULT_IDLE_TIMEOUT),
                websocket.get("close-timeout").as(Duration.class).orElse(DEFAULT_CLOSE_TIMEOUT),
                websocket.get("allowed-origins").asList(String.class).orElse(OriginPolicy.DEFAULT_PATTERNS),
                websocket.get("subscription-memory").asLong().orElse(DEFAULT_SUBSCRIPTION_MEMORY),
                websocket.get("message-timeout").as(Duration.class).orElse(DEFAULT_MESSAGE_TIMEOUT));
    }

    private static void positive(int value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException("websocket." + key + " must be positive, was " + value);
        }
    }

    private static void positive(Duration value, String key) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("websocket." + key + " must be positive, was " + value);
        }
    }
}
