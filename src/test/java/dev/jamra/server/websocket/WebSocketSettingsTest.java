package dev.jamra.server.websocket;

import java.util.List;
import java.util.Map;

import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The channel's settings: every limit and timing must be positive, and says which key is wrong if not. */
class WebSocketSettingsTest {

    private static WebSocketSettings read(String key, String value) {
        return WebSocketSettings.from(TestConfig.builtIn(Map.of("websocket." + key, value)).get("websocket"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"max-message-size", "max-subscriptions", "max-connections", "queue-capacity",
            "queue-max-bytes", "subscription-memory"})
    void aCountOfZeroIsRefusedAndOneIsTaken(String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(key, "0"));
        assertEquals("websocket." + key + " must be positive, was 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(key, "-1"));
        read(key, "1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ping-interval", "idle-timeout", "close-timeout", "message-timeout"})
    void aDurationOfZeroOrLessIsRefusedAndTheShortestIsTaken(String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(key, "PT0S"));
        assertEquals("websocket." + key + " must be positive, was PT0S", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(key, "PT-1S"));
        read(key, "PT0.001S");
    }

    @Test
    void theBuiltInSettingsAreTakenAndTheOriginsCannotChangeUnderTheChannel() {
        WebSocketSettings settings = WebSocketSettings.from(TestConfig.builtIn(Map.of()).get("websocket"));
        assertEquals(settings.queueCapacity(), settings.queueLimits().messages());
        assertEquals(settings.queueMaxBytes(), settings.queueLimits().bytes());
        List<String> origins = settings.allowedOrigins();
        assertThrows(UnsupportedOperationException.class, () -> origins.add("http://elsewhere"));
    }
}
