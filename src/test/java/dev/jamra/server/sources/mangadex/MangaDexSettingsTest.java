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

    private static MangaDexSettings from(Map<String, String> values) {
        return MangaDexSettings.from(Config.builder().disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource().addSource(ConfigSources.create(values)).build());
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
    }

    @Test
    void listsMayBeYamlLists() {
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("languages.0", "ja", "languages.1", "EN"))).build();
        assertEquals(List.of("ja", "en"), MangaDexSettings.from(config).languages());
        Config yaml = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create("content-ratings: [safe, EROTICA]", io.helidon.common.media.type.MediaTypes.APPLICATION_X_YAML)).build();
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
