package dev.jamra.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the configuration comes from: the short environment names over the built-in defaults. */
class ServerConfigTest {

    @Test
    void shortEnvironmentNamesOverrideTheBuiltInDefaults() {
        Config config = ServerConfig.load(Map.of(
                "PORT", "4567",
                "HOST", "0.0.0.0",
                "DATA_DIR", "/srv/jamra",
                "ALLOWED_HOSTS", "jamra.lan, reader.lan",
                "DOWNLOADS_ALLOW_PRIVATE_NETWORKS", "true"));
        assertEquals(4567, config.get("server.port").asInt().get());
        assertEquals(true, config.get("downloads.allow-private-networks").asBoolean().get());
        assertEquals("0.0.0.0", config.get("server.host").asString().get());
        assertEquals("/srv/jamra", config.get("data-dir").asString().get());
        assertEquals(List.of("jamra.lan", "reader.lan"), config.get("server.allowed-hosts").asList(String.class).get()
                .stream().map(String::trim).toList());
    }

    @Test
    void dbPathNamesTheDataFolderUnlessDataDirIsSet() {
        assertEquals("/home/u/.jamra", ServerConfig.load(Map.of("DB_PATH", " /home/u/.jamra ")).get("data-dir")
                .asString().get());
        assertEquals("/srv/jamra", ServerConfig.load(Map.of("DB_PATH", "/home/u/.jamra", "DATA_DIR", "/srv/jamra"))
                .get("data-dir").asString().get());
        assertEquals("./data", ServerConfig.load(Map.of("DB_PATH", " ")).get("data-dir").asString().get());
    }

    @Test
    void onlyTrueInAnyCaseAllowsTheShutdownRoute() {
        for (String yes : List.of("true", "TRUE", "True", " true ")) {
            assertTrue(allowsShutdown(Map.of("JAMRA_ALLOW_SHUTDOWN", yes)), yes);
        }
        for (String no : List.of("1", "yes", "on", "", "false")) {
            assertFalse(allowsShutdown(Map.of("JAMRA_ALLOW_SHUTDOWN", no)), no);
        }
        assertFalse(allowsShutdown(Map.of()));
    }

    private static boolean allowsShutdown(Map<String, String> env) {
        return ServerConfig.load(env).get("system.allow-shutdown").asBoolean().get();
    }

    @Test
    void withoutEnvironmentTheEmbeddedDefaultsApply() {
        Config config = ServerConfig.load(Map.of());
        assertEquals(false, config.get("downloads.allow-private-networks").asBoolean().get());
        assertEquals(3000, config.get("server.port").asInt().get());
        assertEquals("127.0.0.1", config.get("server.host").asString().get());
        assertEquals("./data", config.get("data-dir").asString().get());
        assertEquals(1024, config.get("websocket.queue-capacity").asInt().get());
    }

    @Test
    void theDataFolderIsTheOneTheConfigurationNames() {
        assertEquals(Path.of("/srv/jamra"), ServerConfig.dataFolder(Map.of("DB_PATH", "/srv/jamra")));
        assertEquals(Path.of("./data"), ServerConfig.dataFolder(ServerConfig.load(Map.of())));
    }
}
