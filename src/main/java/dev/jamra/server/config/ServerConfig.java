package dev.jamra.server.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Where the server's configuration comes from, strongest first: system properties, the short environment variables
 * ({@code PORT}, {@code HOST}, {@code DATA_DIR} or else {@code DB_PATH}, {@code LOCAL_LIBRARY_DIR},
 * {@code ALLOWED_HOSTS} as a comma-separated list, {@code JAMRA_ALLOW_SHUTDOWN},
 * {@code DOWNLOADS_ALLOW_PRIVATE_NETWORKS}), other environment variables ({@code SERVER_PORT} for
 * {@code server.port}...), the file named by {@code JAMRA_CONFIG}, the built-in {@code application.yaml}.
 */
public final class ServerConfig {
    /** Short environment variables and the configuration keys they set. */
    private static final Map<String, String> SHORT_ENV_NAMES = Map.of(
            "PORT", "server.port",
            "HOST", "server.host",
            "DATA_DIR", "data-dir",
            "LOCAL_LIBRARY_DIR", "sources.local.dir",
            "ALLOWED_HOSTS", "server.allowed-hosts",
            "DOWNLOADS_ALLOW_PRIVATE_NETWORKS", "downloads.allow-private-networks");

    private ServerConfig() {
    }

    /** The configuration the server runs with in the environment {@code env}. */
    public static Config load(Map<String, String> env) {
        Map<String, String> overrides = new HashMap<>();
        SHORT_ENV_NAMES.forEach((variable, key) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                overrides.put(key, value.trim());
            }
        });
        // The desktop shell names the data folder DB_PATH (the original kept manga.db there); DATA_DIR wins.
        String dbPath = env.get("DB_PATH");
        if (dbPath != null && !dbPath.isBlank()) {
            overrides.putIfAbsent("data-dir", dbPath.trim());
        }
        // As the original: the shutdown route exists only when JAMRA_ALLOW_SHUTDOWN is "true" (any case).
        String allowShutdown = env.get("JAMRA_ALLOW_SHUTDOWN");
        if (allowShutdown != null) {
            overrides.put("system.allow-shutdown", String.valueOf(allowShutdown.trim().equalsIgnoreCase("true")));
        }
        Config.Builder config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.create(overrides))
                .addSource(ConfigSources.environmentVariables());
        String file = env.get("JAMRA_CONFIG");
        if (file != null && !file.isBlank()) {
            config.addSource(ConfigSources.file(file.trim()));
        }
        return config.addSource(ConfigSources.classpath("application.yaml")).build();
    }

    /** The data folder the server uses in the environment {@code env}: what {@code bin/import-jamra} fills. */
    public static Path dataFolder(Map<String, String> env) {
        return dataFolder(load(env));
    }

    /** The data folder {@code config} names ({@code data-dir}). */
    public static Path dataFolder(Config config) {
        return Path.of(config.get("data-dir").asString().get());
    }
}
