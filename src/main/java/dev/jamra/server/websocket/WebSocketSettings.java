package dev.jamra.server.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.jamra.server.web.OriginPolicy;
import dev.jamra.server.websocket.delivery.QueueLimits;

import io.helidon.config.Config;

/**
 * The event channel's limits and timings ({@code websocket.*} in the configuration).
 *
 * @param maxMessageSize   largest client message in bytes, over all its frames; larger closes with 1009
 * @param maxSubscriptions download subscriptions one connection may hold
 * @param maxConnections   open connections; upgrades past it get 503
 * @param queueCapacity    messages waiting for one client before it counts as a slow consumer
 * @param queueMaxBytes    bytes those messages may hold before the client counts as a slow consumer
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
                                long queueMaxBytes,
                                Duration pingInterval,
                                Duration idleTimeout,
                                Duration closeTimeout,
                                List<String> allowedOrigins,
                                long subscriptionMemory,
                                Duration messageTimeout) {

    public WebSocketSettings {
        positive(maxMessageSize, "max-message-size");
        positive(maxSubscriptions, "max-subscriptions");
        positive(maxConnections, "max-connections");
        positive(queueCapacity, "queue-capacity");
        if (queueMaxBytes <= 0) {
            throw new IllegalArgumentException("websocket.queue-max-bytes must be positive, was " + queueMaxBytes);
        }
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

    /** What may wait for one client before it counts as a slow consumer. */
    public QueueLimits queueLimits() {
        return new QueueLimits(queueCapacity, queueMaxBytes);
    }

    /**
     * Reads the {@code websocket} node, where the built-in {@code application.yaml} gives every key but
     * {@code allowed-origins} (a YAML list there would be merged with, not replaced by, a list given elsewhere).
     * Durations are ISO-8601 ({@code PT30S}).
     */
    public static WebSocketSettings from(Config websocket) {
        return new WebSocketSettings(
                websocket.get("max-message-size").asInt().get(),
                websocket.get("max-subscriptions").asInt().get(),
                websocket.get("max-connections").asInt().get(),
                websocket.get("queue-capacity").asInt().get(),
                websocket.get("queue-max-bytes").asLong().get(),
                websocket.get("ping-interval").as(Duration.class).get(),
                websocket.get("idle-timeout").as(Duration.class).get(),
                websocket.get("close-timeout").as(Duration.class).get(),
                websocket.get("allowed-origins").asList(String.class).orElse(OriginPolicy.DEFAULT_PATTERNS),
                websocket.get("subscription-memory").asLong().get(),
                websocket.get("message-timeout").as(Duration.class).get());
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
