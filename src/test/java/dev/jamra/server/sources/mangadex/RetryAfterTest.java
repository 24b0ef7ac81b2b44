package dev.jamra.server.sources.mangadex;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

    private static Optional<Duration> of(Map<String, String> headers) {
        return RetryAfter.of(Optional.ofNullable(headers.get("X-RateLimit-Retry-After")),
                Optional.ofNullable(headers.get("Retry-After")), NOW);
    }

    @Test
    void mangaDexHeaderIsTheUnixTimeRequestsAreAllowedAgain() {
        long at = NOW.getEpochSecond() + 7;
        assertEquals(Optional.of(Duration.ofSeconds(7)), of(Map.of("X-RateLimit-Retry-After", String.valueOf(at))));
        assertEquals(Optional.of(Duration.ofSeconds(7)), of(Map.of("X-RateLimit-Retry-After", String.valueOf(at),
                "Retry-After", "100")), "MangaDex's header first");
        assertEquals(Optional.of(Duration.ZERO), of(Map.of("X-RateLimit-Retry-After",
                String.valueOf(NOW.getEpochSecond() - 5))), "a time past waits nothing");
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), of(Map.of("Retry-After", " 3 ")));
        assertEquals(Optional.of(Duration.ofSeconds(90)), of(Map.of("Retry-After", "Sat, 10 Jan 2026 12:01:30 GMT")));
        assertEquals(Optional.of(Duration.ZERO), of(Map.of("Retry-After", "-4")));
        assertEquals(Optional.of(Duration.ofSeconds(2)), of(Map.of("X-RateLimit-Retry-After", "soon",
                "Retry-After", "2")), "an unreadable MangaDex header falls back to Retry-After");
    }

    @Test
    void noOrUnreadableHeadersSayNothing() {
        assertEquals(Optional.empty(), of(Map.of()));
        assertEquals(Optional.empty(), of(Map.of("Retry-After", "later")));
    }
}
