package dev.jamra.server.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import dev.jamra.server.ServerLifecycle;
import dev.jamra.server.Main;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

/**
 * A server built by hand, as {@code Main} builds it, for tests that decide when it stops and start another on the
 * same data folder.
 */
public record RunningServer(ServerLifecycle app, WebServer server, URI uri, RestClient http) {

    public static RunningServer start(Path dataDir, Map<String, String> overrides) {
        WebServerConfig.Builder builder = WebServer.builder();
        ServerLifecycle app = Main.setup(builder, TestConfig.create(dataDir, overrides));
        WebServer server = builder.build().start();
        URI uri = URI.create("http://localhost:" + server.port());
        return new RunningServer(app, server, uri, new RestClient(uri));
    }
}
