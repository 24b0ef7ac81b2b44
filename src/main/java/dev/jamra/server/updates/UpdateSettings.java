package dev.jamra.server.updates;

import java.time.Duration;
import java.util.Objects;

import io.helidon.config.Config;

/**
 * The settings of library updates.
 *
 * @param interval     {@code library.update-interval}: time between two periodic checks; zero turns them off
 * @param autoDownload {@code downloads.auto-download-new}: whose new chapters are queued for download
 */
public record UpdateSettings(Duration interval, AutoDownload autoDownload) {
    /** The first periodic check comes one interval after the start, or this long after it if that is sooner. */
    static final Duration FIRST_CHECK_AT_THE_LATEST = Duration.ofMinutes(5);

    public UpdateSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(autoDownload, "autoDownload");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("library.update-interval must not be negative, was " + interval);
        }
    }

    /**
     * Reads {@code library.update-interval} (ISO-8601, {@code PT12H}) from the {@code library} node and
     * {@code auto-download-new} from the {@code downloads} node; the built-in {@code application.yaml} gives both.
     */
    public static UpdateSettings from(Config library, Config downloads) {
        return new UpdateSettings(library.get("update-interval").as(Duration.class).get(),
                AutoDownload.fromSetting(downloads.get("auto-download-new").asString().get()));
    }

    /** Whether checks run on their own, every {@link #interval}. */
    boolean periodic() {
        return !interval.isZero();
    }

    /** How long after the start the first periodic check comes. */
    Duration firstCheckDelay() {
        return interval.compareTo(FIRST_CHECK_AT_THE_LATEST) < 0 ? interval : FIRST_CHECK_AT_THE_LATEST;
    }
}
