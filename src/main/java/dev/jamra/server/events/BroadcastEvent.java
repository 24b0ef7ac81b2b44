package dev.jamra.server.events;

import java.util.Optional;

/**
 * An event published to many connections; it carries a sequence number on the wire. It says itself which
 * connections receive it ({@link #topic()}) and what it may collapse into ({@link #coalesceKey()}), so the channel
 * delivers it without knowing its kind.
 */
public sealed interface BroadcastEvent extends Event permits DownloadEvent, LibraryEvent {

    /**
     * The download this event is about, which clients follow by subscribing to it: connections subscribed to it
     * receive the event, and so do connections without subscriptions (docs/PROTOCOL.md, "Delivery"). Empty for
     * an event every connection receives.
     */
    Optional<String> topic();

    /**
     * The key under which a newer message of this kind replaces an older one still waiting for a slow client
     * (progress reports, where only the latest state matters); empty, the default, when every message counts.
     */
    default Optional<CoalesceKey> coalesceKey() {
        return Optional.empty();
    }
}
