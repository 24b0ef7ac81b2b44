package dev.jamra.server.sources.mangadex;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MangaDexSettingsTest {

    /** {@code values} (keys below {@code sources.mangadex}) over the built-in configuration. */
    private static MangaDexSettings from(Map<String, String> values) {
        Map<String, String> keys = new java.util.HashMap<>();
        values.forEach((key, value) -> keys.put("sources.mangadex." + key, value));
        return MangaDexSettings.from(dev.jamra.server.testing.TestConfig.builtIn(keys).get("sources.mangadex"));
    }

    @Test
    void defaultsAreTheRealApiAndItsPublishedLimits() {
        MangaDexSettings settings = from(Map.of());
        assertEquals(URI.create("https://api.mangadex.org"), settings.apiUrl());
        assertEquals(URI.create("https://uploads.mangadex.org"), settings.uploadsUrl());
        assertEquals(List.of("en"), settings.languages());
        assertEquals(List.of("safe", "suggestive"), settings.contentRatings());
        assertFalse(settings.dataSaver());
        assertEquals(5, settings.requestsPerSecond());
        assertEquals(40, settings.atHomeRequestsPerMinute());
        assertEquals(Duration.ofSeconds(30), settings.timeout());
        assertEquals(Duration.ofSeconds(10), settings.maxQueueWait());
    }

    @Test
    void listsComeCommaSeparatedAndUrlsLoseTheirTrailingSlash() {
        MangaDexSettings settings = from(Map.of("languages", "FR, en,,pt-br", "content-ratings", "safe",
                "api-url", "http://127.0.0.1:9/", "data-saver", "true", "timeout", "PT2S"));
        assertEquals(List.of("fr", "en", "pt-br"), settings.languages());
        assertEquals(List.of("safe"), settings.contentRatings());
        assertEquals(URI.create("http://127.0.0.1:9"), settings.apiUrl());
        assertEquals(Duration.ofSeconds(2), settings.timeout());
        assertEquals(true, settings.dataSaver());
    }

    @Test
    void wrongValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("api-url", "file:///etc/passwd")));
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("languages", "english!")));
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("languages", " , ")));
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("content-ratings", "violent")));
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("requests-per-second", "0")));
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("at-home-requests-per-minute", "0")));
        assertEquals(1, from(Map.of("requests-per-second", "1", "at-home-requests-per-minute", "1"))
                .atHomeRequestsPerMinute());
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("timeout", "PT0S")));
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("max-queue-wait", "-PT1S")));
        assertEquals(Duration.ZERO, from(Map.of("max-queue-wait", "PT0S")).maxQueueWait(), "no wait at all");
    }

    @Test
    void listsMayBeYamlLists() {
        Config config = dev.jamra.server.testing.TestConfig.builtIn(Map.of(
                "sources.mangadex.languages.0", "ja", "sources.mangadex.languages.1", "EN")).get("sources.mangadex");
        assertEquals(List.of("ja", "en"), MangaDexSettings.from(config).languages());
        Config yaml = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create("sources:\n  mangadex:\n    content-ratings: [safe, EROTICA]\n",
                        io.helidon.common.media.type.MediaTypes.APPLICATION_X_YAML))
                .addSource(ConfigSources.classpath("application.yaml")).build().get("sources.mangadex");
        assertEquals(List.of("safe", "erotica"), MangaDexSettings.from(yaml).contentRatings());
    }

    @Test
    void theBuiltInConfigurationHasTheDocumentedDefaults() {
        Config mangaDex = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.classpath("application.yaml")).build().get("sources.mangadex");
        assertEquals(true, mangaDex.get("enabled").asBoolean().get());
        assertEquals(from(Map.of()), MangaDexSettings.from(mangaDex));
    }

    @Test
    void testServersLeaveTheRealMangaDexAlone() {
        Config config = dev.jamra.server.testing.TestConfig.create(dev.jamra.server.testing.TestConfig.newDataDir());
        assertEquals(false, config.get("sources.mangadex.enabled").asBoolean().get());
    }
}
