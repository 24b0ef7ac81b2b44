package dev.jamra.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.TestConfig;
import dev.jamra.server.testing.WsClient;

import io.helidon.config.Config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @Test
    void shortEnvironmentNamesOverrideTheBuiltInDefaults() {
        Config config = Main.loadConfig(Map.of(
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
    void withoutEnvironmentTheEmbeddedDefaultsApply() {
        Config config = Main.loadConfig(Map.of());
        assertEquals(false, config.get("downloads.allow-private-networks").asBoolean().get());
        assertEquals(3000, config.get("server.port").asInt().get());
        assertEquals("127.0.0.1", config.get("server.host").asString().get());
        assertEquals("./data", config.get("data-dir").asString().get());
        assertEquals(1024, config.get("websocket.queue-capacity").asInt().get());
    }

    /** The real entry point in its own process: configured by environment, stopped by SIGTERM. */
    @Test
    void mainServesAndClosesWebSocketsWith1001OnSigterm() throws Exception {
        Path dataDir = TestConfig.newDataDir();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                // the server's own logging setup (it prints the ready line), not the quiet one of the tests
                "-Djava.util.logging.config.file=" + serverClasses().resolve("logging.properties"),
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName());
        builder.environment().put("PORT", "0");
        builder.environment().put("DATA_DIR", dataDir.toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        try {
            int port = readyPort(process);
            URI uri = URI.create("http://localhost:" + port);
            WsClient client = WsClient.connect(uri);

            process.destroy();  // SIGTERM

            assertEquals(1001, client.awaitClose(), "close frame before the process ends");
            assertTrue(process.waitFor(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the process ends");
            assertTrue(dataDir.resolve("jamra.db").toFile().exists(), "the data folder came from DATA_DIR");
        } finally {
            process.destroyForcibly();
        }
        assertFalse(process.isAlive());
    }

    private static Path serverClasses() throws Exception {
        return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static int readyPort(Process process) throws Exception {
        Pattern ready = Pattern.compile("JAMRA server ready on http://[^:]+:(\\d+)");
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = ready.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new AssertionError("the server ended without becoming ready"));
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
        });
        try {
            return port.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            synchronized (output) {
                throw new AssertionError("Server did not report ready; it printed:\n" + output, e);
            }
        }
    }
}
