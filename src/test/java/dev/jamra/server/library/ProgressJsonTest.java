package dev.jamra.server.library;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** {@link ProgressJson} writes exactly the bytes the JSON-P object of {@link LibraryJson#progress} is written as. */
class ProgressJsonTest {

    static Stream<ReadingProgress> rows() {
        Instant at = Instant.parse("2026-12-07T16:30:00.120Z");
        String long300 = "x".repeat(300);  // longer than the encoder's first chunk
        return Stream.of(
                new ReadingProgress("p1", "lib-1", "ch-1", Optional.of("12.5"), 3, Optional.of(20), at, false),
                new ReadingProgress("p2", "lib-2", "ch-2", Optional.empty(), 0, Optional.empty(), at, true),
                new ReadingProgress("q\"uote\\back", "tab\tnew\nline\u0001", "日本語 🐉", Optional.of("\u2028"), 7,
                        Optional.of(7), Instant.EPOCH, true),
                new ReadingProgress("lone\uD800surrogate", long300, long300 + "\"", Optional.of(long300), 1,
                        Optional.of(Integer.MAX_VALUE), at, false));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void theBytesAreThoseOfTheJsonObject(ReadingProgress row) {
        // what the JSON-P object was sent as: its text in UTF-8 (a lone surrogate becomes '?')
        byte[] expected = LibraryJson.progress(row).toString().getBytes(StandardCharsets.UTF_8);
        byte[] written = ProgressJson.of(row);
        assertArrayEquals(expected, written, () -> new String(written, StandardCharsets.UTF_8));
    }
}
