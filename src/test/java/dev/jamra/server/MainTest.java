package dev.jamra.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real entry point, in a process of its own. */
class MainTest {

    /** The real entry point in its own process: configured by environment, stopped by SIGTERM. */
    @Test
    void mainServesAndClosesWebSocketsWith1001OnSigterm() throws Exception {
        Path dataDir = TestConfig.newDataDir();
        Process process = startServer(Map.of("DATA_DIR", dataDir.toString()));
        try {
            int port = readyPort(process);
            URI uri = URI.create("http://localhost:" + port);
            ChannelClient client = ChannelClient.connect(uri);

            process.destroy();  // SIGTERM

            assertEquals(1001, client.awaitClose(), "close frame before the process ends");
            assertTrue(process.waitFor(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the process ends");
            assertTrue(dataDir.resolve("jamra.db").toFile().exists(), "the data folder came from DATA_DIR");
        } finally {
            process.destroyForcibly();
        }
        assertFalse(process.isAlive());
    }

    /** What the desktop shell does: starts the server with DB_PATH and JAMRA_ALLOW_SHUTDOWN, then asks it to stop. */
    @Test
    void theShutdownRouteEndsTheProcessAfterClosingWebSocketsWith1001() throws Exception {
        Path dataDir = TestConfig.newDataDir();
        Process process = startServer(Map.of("DB_PATH", dataDir.toString(), "JAMRA_ALLOW_SHUTDOWN", "true"));
        try {
            int port = readyPort(process);
            URI uri = URI.create("http://127.0.0.1:" + port);
            ChannelClient client = ChannelClient.connect(uri);

            RestClient.Response answer = new RestClient(uri).send("POST", "/api/system/shutdown",
                    HttpRequest.BodyPublishers.noBody(), Map.of());

            assertEquals(202, answer.status(), answer::toString);
            assertEquals("shutting-down", answer.json().getString("status"));
            assertEquals(1001, client.awaitClose(), "close frame before the process ends");
            assertTrue(process.waitFor(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the process ends by itself");
            assertEquals(0, process.exitValue());
            assertTrue(dataDir.resolve("jamra.db").toFile().exists(), "the data folder came from DB_PATH");
        } finally {
            process.destroyForcibly();
        }
    }

    private static Process startServer(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                // the server's own logging setup (it prints the ready line), not the quiet one of the tests
                "-Djava.util.logging.config.file=" + serverClasses().resolve("logging.properties"),
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName());
        builder.environment().keySet().removeAll(List.of("DATA_DIR", "DB_PATH", "JAMRA_ALLOW_SHUTDOWN"));
        builder.environment().put("PORT", "0");
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        return builder.start();
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
