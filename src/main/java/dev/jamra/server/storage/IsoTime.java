package dev.jamra.server.storage;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The API's date format, ISO-8601 in UTC with exactly three fraction digits ({@code 2025-01-09T18:10:00.000Z}).
 * {@link Instant#toString()} drops zero milliseconds and keeps nanoseconds, so it is not used on the wire. The same
 * strings are stored in the database, where they sort in time order.
 */
public final class IsoTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IsoTime() {
    }

    /** The current instant at the precision the API shows, so stored and returned values agree. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Reads a value written by {@link #format}. */
    public static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not an ISO-8601 instant: " + text, e);
        }
    }
}
