package dev.jamra.server.sources.mangadex;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a 429 answer asks to wait: MangaDex's {@code X-RateLimit-Retry-After} (the Unix time, in seconds, when
 * requests are allowed again), else the standard {@code Retry-After} (seconds, or an HTTP date).
 */
final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param mangaDex   the {@code X-RateLimit-Retry-After} header, if the answer had one
     * @param standard   the {@code Retry-After} header, if the answer had one
     */
    static Optional<Duration> of(Optional<String> mangaDex, Optional<String> standard, Instant now) {
        Optional<Duration> untilMangaDex = mangaDex
                .flatMap(RetryAfter::number)
                .map(epochSecond -> atLeastZero(Duration.between(now, Instant.ofEpochSecond(epochSecond))));
        if (untilMangaDex.isPresent()) {
            return untilMangaDex;
        }
        return standard.flatMap(value -> number(value)
                .map(seconds -> atLeastZero(Duration.ofSeconds(seconds)))
                .or(() -> date(value).map(date -> atLeastZero(Duration.between(now, date)))));
    }

    private static Optional<Long> number(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> date(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration atLeastZero(Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
