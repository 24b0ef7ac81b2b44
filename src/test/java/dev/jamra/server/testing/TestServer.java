package dev.jamra.server.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.jamra.server.ServerLifecycle;
import dev.jamra.server.Main;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.spi.ServerFeature;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server of one {@code @ServerTest} class, wired by {@link Main#setup} on a data folder of its own that is
 * deleted once the class is done. A test class registers it on a static field ({@code @RegisterExtension static
 * final TestServer SERVER = TestServer.create();}) and its {@code @SetUpServer} method hands it the builder
 * ({@code SERVER.setUp(builder, overrides)}); a {@code @RoutingTest} class hands its {@code @SetUpRoute} routing
 * to {@link #setUpRouting} instead. After the class it stops the application (WebSockets closed, port released,
 * resources closed) before it deletes the folder, so nothing writes there any more.
 */
public final class TestServer implements AfterAllCallback {
    private final Path dataDir = TestConfig.newDataDir();
    private final List<AutoCloseable> closedAfter = new CopyOnWriteArrayList<>();
    private volatile ServerLifecycle app;
    private volatile URI uri;

    private TestServer() {
    }

    public static TestServer create() {
        return new TestServer();
    }

    /**
     * Has {@code resources}, such as a fake site the server reads, closed after the class, once the server has
     * stopped.
     */
    public TestServer closingAfter(AutoCloseable... resources) {
        closedAfter.addAll(List.of(resources));
        return this;
    }

    /** Wires {@code builder} with the built-in configuration. */
    public ServerLifecycle setUp(WebServerConfig.Builder builder) {
        return setUp(builder, Map.of());
    }

    /** @param overrides configuration keys such as {@code websocket.ping-interval} and their values */
    public ServerLifecycle setUp(WebServerConfig.Builder builder, Map<String, String> overrides) {
        return wired(builder, Main.setup(builder, config(overrides)));
    }

    /**
     * Wires the HTTP routes alone on {@code routing}, for a {@code @RoutingTest} class's {@code @SetUpRoute}
     * method: its handlers answer a {@code DirectClient} without a socket.
     */
    public ServerLifecycle setUpRouting(HttpRouting.Builder routing) {
        return setUpRouting(routing, Map.of());
    }

    /** @param overrides configuration keys and their values, as for {@link #setUp(WebServerConfig.Builder, Map)} */
    public ServerLifecycle setUpRouting(HttpRouting.Builder routing, Map<String, String> overrides) {
        ServerLifecycle wired = Main.routing(routing, config(overrides));
        this.app = wired;
        return wired;
    }

    /** The test configuration on this server's data folder, for a class that calls {@code Main} itself. */
    public Config config(Map<String, String> overrides) {
        return TestConfig.create(dataDir, overrides);
    }

    /**
     * Takes charge of {@code wired}, the application {@code Main} set up on {@code builder} with {@link #config},
     * and learns the server's port once it has started.
     */
    public ServerLifecycle wired(WebServerConfig.Builder builder, ServerLifecycle wired) {
        builder.addFeature(new PortListener());
        this.app = wired;
        return wired;
    }

    /** The data folder, which a test may fill before {@link #setUp}. */
    public Path dataDir() {
        return dataDir;
    }

    /** The started server's address, as {@code @ServerTest} hands it to constructors. */
    public URI uri() {
        URI started = uri;
        if (started == null) {
            throw new IllegalStateException("The server has not started yet");
        }
        return started;
    }

    public ServerLifecycle app() {
        ServerLifecycle wired = app;
        if (wired == null) {
            throw new IllegalStateException("The server is not set up yet");
        }
        return wired;
    }

    /** Waits until the event channel has no connection left, so one test's clients do not count in the next. */
    public void awaitNoConnections() {
        Await.until(() -> app().channel().connectionCount() == 0, "earlier connections are gone");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            ServerLifecycle wired = app;
            if (wired != null) {
                wired.stop();
            }
            for (AutoCloseable resource : closedAfter) {
                resource.close();
            }
        } finally {
            // a failed stop still leaves no data behind
            deleteRecursively(dataDir);
        }
    }

    /** Learns the port of the default socket once the server listens, for {@link #uri()}. */
    private final class PortListener implements ServerFeature {
        @Override
        public void setup(ServerFeatureContext context) {
            context.socket(WebServer.DEFAULT_SOCKET_NAME).httpRouting().addFeature(new HttpFeature() {
                @Override
                public void setup(HttpRouting.Builder routing) {
                    // nothing to route; the feature is here for its lifecycle
                }

                @Override
                public void afterStart(WebServer server) {
                    uri = URI.create("http://localhost:" + server.port());
                }
            });
        }

        @Override
        public String name() {
            return "test-server-port";
        }

        @Override
        public String type() {
            return name();
        }
    }

    /** Deletes {@code root} and everything under it; a file already gone is no error. */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
