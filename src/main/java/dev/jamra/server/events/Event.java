package dev.jamra.server.events;

/**
 * A message the server sends on the event channel. Either a {@link BroadcastEvent}, published to every
 * connection the delivery rules select, or a {@link SessionEvent}, addressed to one connection.
 */
public sealed interface Event permits BroadcastEvent, SessionEvent {

    /** The wire name, one of {@link EventNames}. */
    String name();
}
