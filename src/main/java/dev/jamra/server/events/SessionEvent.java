package dev.jamra.server.events;

/**
 * An event sent to one connection only, in answer to its own life or messages.
 */
public sealed interface SessionEvent extends Event permits Connected, SubscriptionAck, ErrorEvent {
}
