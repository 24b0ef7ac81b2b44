package dev.jamra.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.jamra.server.events.DownloadFailed;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.RawWebSocket;
import dev.jamra.server.testing.TestConfig;
import dev.jamra.server.testing.ChannelClient;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The application's stop path closes every socket with 1001 (cutting those that cannot take it) and ends its
 * threads before the port closes.
 */
class ShutdownTest {

    @Test
    void stopClosesEveryClientWith1001AndLeavesNoThreadBehind() throws Exception {
        WebServerConfig.Builder builder = WebServer.builder();
        ServerLifecycle app = Main.setup(builder, TestConfig.create(TestConfig.newDataDir(),
                Map.of("websocket.close-timeout", "PT1S", "websocket.queue-capacity", "100000")));
        WebServer server = builder.build().start();
        URI uri = URI.create("http://localhost:" + server.port());

        List<ChannelClient> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ChannelClient client = ChannelClient.connect(uri);
            client.subscribe("dl-elsewhere");
            clients.add(client);
        }
        // two clients that stop reading, so the threads writing to them are stuck when the server stops
        List<RawWebSocket> stalled = List.of(RawWebSocket.upgrade(uri, "/", Map.of(), 4096),
                RawWebSocket.upgrade(uri, "/", Map.of(), 4096));
        stalled.forEach(s -> s.sendText(ChannelClient.message("subscribe:download", "dl-stalled")));
        Await.until(() -> app.channel().connectionCount() == 52, "all 52 are registered");
        String reason = "x".repeat(2000);
        for (int i = 0; i < 5_000; i++) {  // 10 MB each: more than their socket buffers take
            app.channel().publish(new DownloadFailed("dl-stalled", "ch", reason, i));
        }
        assertThat(threadDump(), containsString("ws-fanout-"));

        app.stop();

        for (ChannelClient client : clients) {
            assertEquals(1001, client.awaitClose(), "close code");
        }
        assertFalse(server.isRunning());
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", uri.getPort()), 1000);
            }
        }, "the port is released");
        String dump = threadDump();
        assertThat(dump, not(containsString("ws-writer-")));
        assertThat(dump, not(containsString("ws-fanout-")));
        assertThat(dump, not(containsString("ws-timer")));
        app.stop();  // a second stop is harmless
        stalled.forEach(RawWebSocket::close);
    }

    /** Every thread of this JVM, virtual ones included, as the JDK's JSON thread dump. */
    private static String threadDump() {
        try {
            Path file = Files.createTempDirectory("threads").resolve("dump.json");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
