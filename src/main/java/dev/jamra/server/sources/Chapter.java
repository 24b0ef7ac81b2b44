package dev.jamra.server.sources;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A chapter of a manga.
 *
 * @param number   its number as the source writes it ("12", "12.5")
 * @param title    optional, {@code null} when it has none
 * @param language  optional language of its text (a BCP 47 tag such as {@code en}), {@code null} when unknown
 * @param volume    optional volume as the source writes it ("3"), {@code null} when unknown
 * @param scanlator optional group that translated it, {@code null} when unknown
 * @param updatedAt optional time the source published or last changed it, {@code null} when unknown
 */
public record Chapter(String id, String number, String title, String language, String volume, String scanlator,
                      Instant updatedAt) {

    public Chapter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
    }

    /** A chapter whose language, volume, scanlator and time are not known. */
    public Chapter(String id, String number, String title) {
        this(id, number, title, null);
    }

    /** A chapter whose volume, scanlator and time are not known. */
    public Chapter(String id, String number, String title, String language) {
        this(id, number, title, language, null, null, null);
    }

    /** The number as a decimal, when it is one ("12.5"; not "12a" or ""). */
    public Optional<BigDecimal> numeric() {
        if (number.isEmpty() || number.length() > 40 || !number.matches("\\d+(\\.\\d+)?")) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(number));
    }
}
