package dev.jamra.server.storage;

import java.time.Clock;
import java.time.Instant;
import java.time.Month;
import java.time.Year;
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

    /** How many characters {@link #format} writes. */
    public static final int LENGTH = 24;
    /** What {@link #format} writes, 9 standing for a digit. */
    private static final String SHAPE = "9999-99-99T99:99:99.999Z";

    private IsoTime() {
    }

    /** The current instant at the precision the API shows, so stored and returned values agree. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /**
     * Whether the {@link #LENGTH} ASCII bytes of {@code text} from {@code offset} are exactly what {@link #format}
     * writes for some instant: a four-digit year, a real date and time, three fraction digits and {@code Z}. Such a
     * stored value can be sent as it is, since reading and writing it again would give the same bytes.
     */
    public static boolean isFormatted(byte[] text, int offset) {
        if (offset < 0 || text.length - offset < LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char shape = SHAPE.charAt(i);
            byte b = text[offset + i];
            if (shape == '9' ? b < '0' || b > '9' : b != shape) {
                return false;
            }
        }
        int month = digits(text, offset + 5, 2);
        int day = digits(text, offset + 8, 2);
        return month >= 1 && month <= 12
               && day >= 1 && day <= Month.of(month).length(Year.isLeap(digits(text, offset, 4)))
               && digits(text, offset + 11, 2) <= 23 && digits(text, offset + 14, 2) <= 59
               && digits(text, offset + 17, 2) <= 59;
    }

    private static int digits(byte[] text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + text[i] - '0';
        }
        return value;
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
