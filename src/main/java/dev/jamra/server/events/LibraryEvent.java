package dev.jamra.server.events;

/**
 * A change to the library; delivered to every connection.
 */
public sealed interface LibraryEvent extends BroadcastEvent
        permits LibraryItemAdded, LibraryItemUpdated, LibraryItemRemoved, LibraryProgressUpdated {
}
