package dev.jamra.server.events;

/**
 * Where services publish what happened. Implementations return at once: they never wait on a client.
 */
@FunctionalInterface
public interface EventPublisher {

    void publish(BroadcastEvent event);
}
