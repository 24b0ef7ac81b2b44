package dev.jamra.server.sources;

import java.util.Objects;

/**
 * A chapter of a manga.
 *
 * @param number its number as the source writes it ("12", "12.5")
 * @param title  optional, {@code null} when it has none
 */
public record Chapter(String id, String number, String title) {

    public Chapter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
    }
}
