package dev.jamra.server.downloads;

import java.util.Locale;
import java.util.Optional;

/** Where a chapter download stands; lower-case on the wire and in the database. */
public enum DownloadStatus {
    QUEUED,
    DOWNLOADING,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** The wire form, such as {@code downloading}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DownloadStatus> fromWire(String value) {
        for (DownloadStatus status : values()) {
            if (status.wireName().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** Still to run or running: what a cancel stops. */
    boolean active() {
        return this == QUEUED || this == DOWNLOADING;
    }
}
