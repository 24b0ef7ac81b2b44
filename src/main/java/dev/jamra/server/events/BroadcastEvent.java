package dev.jamra.server.events;

import java.util.Optional;

/**
 * An event published to many connections; it carries a sequence number on the wire.
 */
public sealed interface BroadcastEvent extends Event permits DownloadEvent, LibraryEvent {

    /**
     * The key under which a newer message of this kind replaces an older one still waiting for a slow client
     * (progress reports, where only the latest state matters); empty, the default, when every message counts.
     */
    default Optional<CoalesceKey> coalesceKey() {
        return Optional.empty();
    }
}
