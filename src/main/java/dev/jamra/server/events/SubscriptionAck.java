package dev.jamra.server.events;

import java.util.Objects;

/** Confirms a subscribe or unsubscribe message. */
public record SubscriptionAck(Action action, String downloadId) implements SessionEvent {

    /** What was acknowledged; its wire form is the lower-case name. */
    public enum Action {
        SUBSCRIBED, UNSUBSCRIBED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The only subscription type the protocol knows. */
    public static final String TYPE_DOWNLOAD = "download";

    public SubscriptionAck {
        Objects.requireNonNull(action, "action");
        Require.id(downloadId, "downloadId");
    }

    public String type() {
        return TYPE_DOWNLOAD;
    }

    @Override
    public String name() {
        return EventNames.SUBSCRIPTION_ACK;
    }
}
