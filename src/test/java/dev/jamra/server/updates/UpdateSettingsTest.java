package dev.jamra.server.updates;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.jamra.server.library.LibraryItem;
import dev.jamra.server.library.LibraryStatus;
import dev.jamra.server.testing.TestConfig;

import io.helidon.config.Config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateSettingsTest {

    private static UpdateSettings read(Map<String, String> overrides) {
        Config config = TestConfig.builtIn(overrides);
        return UpdateSettings.from(config.get("library"), config.get("downloads"));
    }

    @Test
    void theBuiltInDefaultsCheckTwiceADayAndDownloadNothing() {
        assertEquals(new UpdateSettings(Duration.ofHours(12), AutoDownload.OFF), read(Map.of()));
    }

    @Test
    void everyAutoDownloadValueIsReadAndFalseIsOff() {
        assertEquals(AutoDownload.FAVORITES, read(Map.of("downloads.auto-download-new", "favorites")).autoDownload());
        assertEquals(AutoDownload.READING, read(Map.of("downloads.auto-download-new", "reading")).autoDownload());
        assertEquals(AutoDownload.ALL, read(Map.of("downloads.auto-download-new", "all")).autoDownload());
        assertEquals(AutoDownload.OFF, read(Map.of("downloads.auto-download-new", "off")).autoDownload());
        assertEquals(AutoDownload.OFF, read(Map.of("downloads.auto-download-new", "false")).autoDownload(),
                "what YAML makes of a bare off");
    }

    @Test
    void anUnknownAutoDownloadValueIsRefusedWithTheChoices() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("downloads.auto-download-new", "Favorites")));
        assertEquals("downloads.auto-download-new must be one of off, favorites, reading, all, was Favorites",
                refused.getMessage());
    }

    @Test
    void aNegativeIntervalIsRefusedAndZeroTurnsThePeriodicCheckOff() {
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("library.update-interval", "-PT1S")));
        assertFalse(read(Map.of("library.update-interval", "PT0S")).periodic());
        assertTrue(read(Map.of("library.update-interval", "PT0.001S")).periodic());
    }

    @Test
    void theFirstPeriodicCheckComesOneIntervalAfterTheStartOrFiveMinutesIfSooner() {
        assertEquals(Duration.ofMinutes(5), new UpdateSettings(Duration.ofHours(12), AutoDownload.OFF)
                .firstCheckDelay());
        assertEquals(Duration.ofMinutes(5), new UpdateSettings(Duration.ofMinutes(5), AutoDownload.OFF)
                .firstCheckDelay());
        assertEquals(Duration.ofMinutes(4), new UpdateSettings(Duration.ofMinutes(4), AutoDownload.OFF)
                .firstCheckDelay());
    }

    @Test
    void eachAutoDownloadSettingCoversItsItems() {
        LibraryItem favorite = item(LibraryStatus.PLAN_TO_READ, true);
        LibraryItem reading = item(LibraryStatus.READING, false);
        LibraryItem other = item(LibraryStatus.ON_HOLD, false);
        assertEquals(Map.of(favorite, false, reading, false, other, false), covered(AutoDownload.OFF, favorite,
                reading, other));
        assertEquals(Map.of(favorite, true, reading, false, other, false), covered(AutoDownload.FAVORITES,
                favorite, reading, other));
        assertEquals(Map.of(favorite, false, reading, true, other, false), covered(AutoDownload.READING, favorite,
                reading, other));
        assertEquals(Map.of(favorite, true, reading, true, other, true), covered(AutoDownload.ALL, favorite,
                reading, other));
    }

    private static Map<LibraryItem, Boolean> covered(AutoDownload setting, LibraryItem a, LibraryItem b,
                                                     LibraryItem c) {
        return Map.of(a, setting.covers(a), b, setting.covers(b), c, setting.covers(c));
    }

    private static LibraryItem item(LibraryStatus status, boolean favorite) {
        Instant now = Instant.now();
        return new LibraryItem(status + "-" + favorite, "m", "local", "T", Optional.empty(), status, favorite, now,
                now);
    }
}
