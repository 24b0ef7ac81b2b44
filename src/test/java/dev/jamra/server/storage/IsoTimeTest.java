package dev.jamra.server.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link IsoTime}: the API's form of an instant, and whether stored text is exactly that form. */
class IsoTimeTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void formatsWithMillisecondsInUtc() {
        assertEquals("2025-01-09T18:10:00.000Z", IsoTime.format(Instant.parse("2025-01-09T18:10:00Z")));
        assertEquals("2024-02-29T23:59:59.999Z", IsoTime.format(Instant.parse("2024-02-29T23:59:59.999999Z")));
        assertEquals(IsoTime.LENGTH, IsoTime.format(Instant.EPOCH).length());
    }

    @Test
    void parsesWhatItFormatsAndRefusesOtherText() {
        Instant at = Instant.parse("2025-01-09T18:10:00.123Z");
        assertEquals(at, IsoTime.parse(IsoTime.format(at)));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> IsoTime.parse("yesterday"));
        assertTrue(refused.getMessage().contains("yesterday"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-09T18:10:00.000Z", "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
        "2024-02-29T12:00:00.000Z", "2000-02-29T00:00:00.000Z", "2025-04-30T00:00:00.000Z",
        "2025-01-31T00:00:00.000Z", "2025-10-01T19:09:09.009Z"})
    void theApiFormIsRecognised(String stored) {
        assertTrue(IsoTime.isFormatted(ascii(stored), 0), stored);
        assertEquals(stored, IsoTime.format(IsoTime.parse(stored)), "sending it as it is changes nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-09T18:10:00Z", "2025-01-09T18:10:00.5Z", "2025-01-09T18:10:00.123456Z",
        "2025-01-09 18:10:00.000Z", "2025-01-09T18:10:00.000+", "2025/01-09T18:10:00.000Z", "2025-01/09T18:10:00.000Z",
        "2025-01-09T18-10:00.000Z", "2025-01-09T18:10-00.000Z", "2025-01-09T18:10:00,000Z",
        "2025-00-09T18:10:00.000Z", "2025-13-09T18:10:00.000Z", "2025-01-00T18:10:00.000Z",
        "2025-01-32T18:10:00.000Z", "2025-04-31T18:10:00.000Z", "2025-02-29T18:10:00.000Z", "1900-02-29T00:00:00.000Z",
        "2025-01-09T24:00:00.000Z", "2025-01-09T18:60:00.000Z", "2025-01-09T18:10:60.000Z",
        "2025-01-09T18:1a:00.000Z", "2025-01-09T18:10:00.00aZ", "a025-01-09T18:10:00.000Z", "2025-01-09T18:10:00.000z",
        "2025-01-09T18:10:00.00/Z", "2025-01-09T18:10:00.00:Z"})
    void anyOtherTextIsNot(String stored) {
        assertFalse(IsoTime.isFormatted(ascii(stored), 0), stored);
    }

    @Test
    void theFormIsLookedForAtTheOffsetGiven() {
        byte[] two = ascii("2025-01-09T18:10:00.000Z2024-02-30T00:00:00.000Z");
        assertTrue(IsoTime.isFormatted(two, 0));
        assertFalse(IsoTime.isFormatted(two, IsoTime.LENGTH), "February has no 30th");
        assertTrue(IsoTime.isFormatted(ascii("x2025-01-09T18:10:00.000Z"), 1));
        assertFalse(IsoTime.isFormatted(ascii("x2025-01-09T18:10:00.000Z"), 2), "too short from there");
        assertFalse(IsoTime.isFormatted(ascii("x2025-01-09T18:10:00.000"), 1), "one byte short from there");
        assertFalse(IsoTime.isFormatted(ascii("2025-01-09T18:10:00.000Z"), -1));
        assertFalse(IsoTime.isFormatted(new byte[0], 0));
        assertTrue(IsoTime.isFormatted(ascii("2025-01-09T18:10:00.000Z+"), 0), "what follows is the caller's");
    }
}
