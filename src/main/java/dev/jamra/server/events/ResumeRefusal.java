package dev.jamra.server.events;

import java.util.Locale;

/** Why a connection could not resume its session; the client then starts afresh and refetches over REST. */
public enum ResumeRefusal {
    /** No such session in this server run (never seen, or forgotten to keep memory bounded). */
    UNKNOWN_SESSION,
    /** The session ended longer ago than the retention age. */
    EXPIRED,
    /** The client's epoch is not this server run's: the server restarted, sequence numbers began again. */
    EPOCH_MISMATCH,
    /** Broadcasts after the client's last one are no longer all retained. */
    TOO_FAR_BEHIND;

    /** The wire form, such as {@code unknown-session}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
