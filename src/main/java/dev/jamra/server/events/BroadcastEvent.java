package dev.jamra.server.events;

/**
 * An event published to many connections; it carries a sequence number on the wire.
 */
public sealed interface BroadcastEvent extends Event permits DownloadEvent, LibraryEvent {
}
