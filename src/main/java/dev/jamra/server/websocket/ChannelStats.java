package dev.jamra.server.websocket;

/**
 * A reading of the event channel for health checks.
 *
 * @param connections         open connections now
 * @param slowConsumerCloses  connections closed with 1008 since start because they did not keep up
 */
public record ChannelStats(int connections, long slowConsumerCloses) {
}
