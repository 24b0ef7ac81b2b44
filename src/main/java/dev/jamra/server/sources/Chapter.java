package dev.jamra.server.sources;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A chapter of a manga.
 *
 * @param number    its number as the source writes it ("12", "12.5")
 * @param title     optional, {@code null} when it has none
 * @param language  optional language of its text (a BCP 47 tag such as {@code en}), {@code null} when unknown
 * @param volume    optional volume as the source writes it ("3"), {@code null} when unknown
 * @param scanlator optional group that translated it, {@code null} when unknown
 * @param updatedAt optional time the source published or last changed it, to the millisecond; {@code null} when
 *                  unknown or outside the years 1 to 9999, which the API's dates cannot write
 * @param pages     optional number of pages, {@code null} when the source does not tell it without reading them
 */
public record Chapter(String id, String number, String title, String language, String volume, String scanlator,
                      Instant updatedAt, Integer pages) {
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant PAST_LAST = Instant.parse("+10000-01-01T00:00:00Z");

    public Chapter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        if (updatedAt != null) {
            updatedAt = updatedAt.isBefore(FIRST) || !updatedAt.isBefore(PAST_LAST)
                    ? null : updatedAt.truncatedTo(ChronoUnit.MILLIS);
        }
        if (pages != null && pages < 0) {
            throw new IllegalArgumentException("A chapter has no negative number of pages: " + pages);
        }
    }

    /** A chapter whose language, volume, scanlator, time and pages are not known. */
    public Chapter(String id, String number, String title) {
        this(id, number, title, null);
    }

    /** A chapter whose volume, scanlator, time and pages are not known. */
    public Chapter(String id, String number, String title, String language) {
        this(id, number, title, language, null, null, null);
    }

    /** A chapter whose number of pages is not known. */
    public Chapter(String id, String number, String title, String language, String volume, String scanlator,
                   Instant updatedAt) {
        this(id, number, title, language, volume, scanlator, updatedAt, null);
    }

    /** The number as a decimal, when it is one ("12.5"; not "12a" or ""). */
    public Optional<BigDecimal> numeric() {
        return decimal(number);
    }

    /** The volume as a decimal, when there is one and it is one. */
    public Optional<BigDecimal> numericVolume() {
        return volume == null ? Optional.empty() : decimal(volume);
    }

    private static Optional<BigDecimal> decimal(String text) {
        if (text.isEmpty() || text.length() > 40 || !text.matches("\\d+(\\.\\d+)?")) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(text));
    }
}
