package dev.jamra.server.events;

import java.util.Objects;
import java.util.Optional;

/**
 * Confirms a subscribe or unsubscribe message. A subscribe's acknowledgement carries {@code snapshot}, the
 * last event this server run published for that download, when there is one.
 */
public record SubscriptionAck(Action action, String downloadId, Optional<Snapshot> snapshot) implements SessionEvent {

    /** What was acknowledged; its wire form is the lower-case name. */
    public enum Action {
        SUBSCRIBED, UNSUBSCRIBED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A download's latest event and its broadcast sequence number. */
    public record Snapshot(BroadcastEvent event, long seq) {
        public Snapshot {
            if (event.topic().isEmpty()) {
                throw new IllegalArgumentException("a snapshot is of a download's event, not " + event.name());
            }
        }
    }

    /** The only subscription type the protocol knows. */
    public static final String TYPE_DOWNLOAD = "download";

    public SubscriptionAck {
        Objects.requireNonNull(action, "action");
        FieldChecks.nonEmpty(downloadId, "downloadId");
        Objects.requireNonNull(snapshot, "snapshot");
        if (snapshot.isPresent() && !snapshot.get().event().topic().orElseThrow().equals(downloadId)) {
            throw new IllegalArgumentException("snapshot of another download");
        }
    }

    public SubscriptionAck(Action action, String downloadId) {
        this(action, downloadId, Optional.empty());
    }

    public String type() {
        return TYPE_DOWNLOAD;
    }

    @Override
    public String name() {
        return EventNames.SUBSCRIPTION_ACK;
    }
}
