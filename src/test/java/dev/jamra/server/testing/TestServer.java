package dev.jamra.server.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.jamra.server.ServerLifecycle;
import dev.jamra.server.Main;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server of one test class, wired by {@link Main#setup} on a data folder of its own that is deleted once
 * the class is done. A class registers it on a static field and it does the rest: before the class it builds and
 * starts the server as {@code Main} does; after the class it stops the application (WebSockets closed, port
 * released, resources closed), closes what the class asked it to, and deletes the folder.
 * <pre>{@code
 * @RegisterExtension
 * static final TestServer SERVER = TestServer.create()    // or direct(): the routing alone, no socket
 *         .readingSite()                                 // a fake manga site for the fixture source
 *         .configured(Map.of("opds.username", USER))     // settings over application.yaml
 *         .preparedBy(CatalogTest::prepare);             // fixtures the server must find when it starts
 * private final RestClient http = SERVER.http();
 * }</pre>
 * It starts the server itself rather than through Helidon's {@code @ServerTest} or {@code @RoutingTest}: those
 * find their annotation with {@code Class.getAnnotation} (so not on a meta-annotation) and their
 * {@code @SetUpServer} or {@code @SetUpRoute} methods only as static methods of the class or its superclasses,
 * so they cannot be handed one shared setup. {@link #direct()} serves the routing to Helidon's
 * {@code DirectClient} as {@code @RoutingTest} does.
 */
public final class TestServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final Path dataDir = TestConfig.newDataDir();
    private final boolean socket;
    private final List<AutoCloseable> closedAfter = new CopyOnWriteArrayList<>();
    // set while the test class initialises its static field, read when the class starts
    private final Map<String, String> overrides = new HashMap<>();
    private Preparation preparation = () -> { };
    private boolean connectionsGoneBeforeEach;
    private Wiring wiring = Main::setup;
    private PageServer site;
    private FakeMangaDex mangaDex;
    private volatile ServerLifecycle app;
    private volatile URI uri;
    private volatile DirectClient direct;

    private TestServer(boolean socket) {
        this.socket = socket;
    }

    /** The whole server on a socket of its own. */
    public static TestServer create() {
        return new TestServer(true);
    }

    /**
     * The server's HTTP routing alone, as {@code Main} wires it, answering Helidon's {@code DirectClient} (the
     * client of a {@code @RoutingTest}) without a socket: for classes that check one feature's requests and
     * answers, where a socket adds nothing. It has no {@link #uri()}; {@link #http()} reaches it.
     */
    public static TestServer direct() {
        return new TestServer(false);
    }

    /**
     * Has {@code resources}, such as a fake site the server reads, closed after the class, once the server has
     * stopped.
     */
    public TestServer closingAfter(AutoCloseable... resources) {
        closedAfter.addAll(List.of(resources));
        return this;
    }

    /**
     * @param settings configuration keys such as {@code websocket.ping-interval} and their values, over those
     *         set before
     */
    public TestServer configured(Map<String, String> settings) {
        overrides.putAll(settings);
        return this;
    }

    /** Starts a manga site for the fixture source to read, {@link #site()}, closed after the class. */
    public TestServer readingSite() {
        PageServer started = PageServer.start();
        this.site = started;
        closingAfter(started);
        return configured(started.settings(Map.of()));
    }

    /** Starts a fake MangaDex for the MangaDex source to read, {@link #mangaDex()}, closed after the class. */
    public TestServer readingMangaDex() {
        FakeMangaDex started = FakeMangaDex.start();
        this.mangaDex = started;
        closingAfter(started);
        return configured(started.settings(Map.of()));
    }

    /** The site {@link #readingSite()} started. */
    public PageServer site() {
        return required(site, "No site: call readingSite()");
    }

    /** The fake MangaDex {@link #readingMangaDex()} started. */
    public FakeMangaDex mangaDex() {
        return required(mangaDex, "No fake MangaDex: call readingMangaDex()");
    }

    /**
     * Has {@code work} run before {@code Main} wires the server: files in {@link #dataDir()} or pages on a fake
     * site that the server reads as it starts.
     */
    public TestServer preparedBy(Preparation work) {
        this.preparation = work;
        return this;
    }

    /**
     * Has each test start once the earlier tests' WebSocket connections are gone, so that they do not count in
     * its own (connection limits, slow consumers, metrics).
     */
    public TestServer connectionsGoneBeforeEach() {
        this.connectionsGoneBeforeEach = true;
        return this;
    }

    /** Has {@code wiring} wire the (socket) server in place of {@link Main#setup(WebServerConfig.Builder, Config)}. */
    public TestServer wiredBy(Wiring wiring) {
        if (!socket) {
            throw new IllegalStateException("A direct() server is wired as Main.routing wires it");
        }
        this.wiring = wiring;
        return this;
    }

    /** Builds and starts the server. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        preparation.run();
        Config config = config(Map.copyOf(overrides));
        if (socket) {
            // as Main#main builds it: the test stops the server, no JVM hook
            WebServerConfig.Builder builder = WebServer.builder().shutdownHook(false);
            this.app = wiring.wire(builder, config);
            WebServer server = builder.build().start();
            this.uri = URI.create("http://localhost:" + server.port());
        } else {
            HttpRouting.Builder routing = HttpRouting.builder();
            this.app = Main.routing(routing, config);
            this.direct = new DirectClient(routing);
        }
    }

    /** The test configuration on this server's data folder. */
    private Config config(Map<String, String> overrides) {
        return TestConfig.create(dataDir, overrides);
    }

    /** The data folder, which a {@link #preparedBy preparation} may fill before the server starts. */
    public Path dataDir() {
        return dataDir;
    }

    /** The started server's address. */
    public URI uri() {
        return required(uri, socket ? "The server has not started yet" : "A direct() server has no socket");
    }

    /** A client of the started server's REST API, over its socket or directly to its routing. */
    public RestClient http() {
        DirectClient client = direct;
        return client != null ? RestClient.direct(client) : new RestClient(uri());
    }

    public ServerLifecycle app() {
        return required(app, "The server is not set up yet");
    }

    private static <T> T required(T value, String otherwise) {
        if (value == null) {
            throw new IllegalStateException(otherwise);
        }
        return value;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (connectionsGoneBeforeEach) {
            awaitNoConnections();
        }
    }

    /** Waits until the event channel has no connection left, so one test's clients do not count in the next. */
    public void awaitNoConnections() {
        Await.until(() -> app().channel().connectionCount() == 0, "earlier connections are gone");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            DirectClient client = direct;
            if (client != null) {
                client.closeResource();
            }
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

    /** Work a class does before its server is wired. */
    @FunctionalInterface
    public interface Preparation {
        void run() throws Exception;
    }

    /** How a class wires its server, when {@code Main.setup} with the test configuration is not all. */
    @FunctionalInterface
    public interface Wiring {
        ServerLifecycle wire(WebServerConfig.Builder builder, Config config) throws Exception;
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
