package dev.jamra.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Configuration for a test server: the built-in {@code application.yaml} under a few overrides, a free port on
 * localhost, and a fresh data folder that the test run deletes; the machine's environment plays no part.
 */
public final class TestConfig {
    /**
     * The folder that holds every data folder of this test run. A test server's folder goes after its class
     * ({@link TestServer}); what other tests made goes with this folder when the run's JVM ends.
     */
    private static final Path RUN_FOLDER = createRunFolder();

    private TestConfig() {
    }

    private static Path createRunFolder() {
        try {
            Path folder = Files.createTempDirectory("jamra-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    TestServer.deleteRecursively(folder);
                } catch (IOException e) {
                    System.err.println("Cannot delete the test data under " + folder + ": " + e);
                }
            }, "delete-test-data"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new empty folder for one test's data, inside this run's folder. */
    public static Path newDataDir() {
        try {
            return Files.createTempDirectory(RUN_FOLDER, "data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Config create(Path dataDir) {
        return create(dataDir, Map.of());
    }

    /** @param overrides configuration keys such as {@code websocket.ping-interval} and their values */
    public static Config create(Path dataDir, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("server.port", "0");
        values.put("server.host", "localhost");
        values.put("data-dir", dataDir.toString());
        // no test reaches the real MangaDex; its tests point the source at a local fake
        values.put("sources.mangadex.enabled", "false");
        values.putAll(overrides);
        return builtIn(values);
    }

    /**
     * The built-in {@code application.yaml} under {@code overrides} alone, for tests that read one feature's
     * settings without starting a server.
     */
    public static Config builtIn(Map<String, String> overrides) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(overrides))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }
}
