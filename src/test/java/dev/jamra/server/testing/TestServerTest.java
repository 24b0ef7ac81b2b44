package dev.jamra.server.testing;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.jamra.server.Main;
import dev.jamra.server.storage.Database;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test server helper: the server it starts, the address it learns, and what it leaves behind (nothing). */
class TestServerTest {

    @Test
    void afterTheClassTheServerIsStoppedItsResourcesClosedAndItsDataFolderGone() throws Exception {
        AtomicBoolean siteClosed = new AtomicBoolean();
        TestServer testServer = TestServer.create().closingAfter(() -> siteClosed.set(true));
        Path dataDir = testServer.dataDir();
        assertThrows(IllegalStateException.class, testServer::uri, "no address before the server starts");

        WebServerConfig.Builder builder = WebServer.builder();
        testServer.setUp(builder);
        WebServer server = builder.build().start();
        try {
            assertEquals(server.port(), testServer.uri().getPort());
            assertEquals(200, new RestClient(testServer.uri()).get("/health").status());
            Files.writeString(Files.createDirectories(dataDir.resolve("downloads/d1")).resolve("page_001.png"), "x");
        } finally {
            testServer.afterAll(null);
        }

        assertFalse(server.isRunning(), "the server is stopped");
        assertTrue(siteClosed.get(), "what the class asked to close is closed");
        assertFalse(Files.exists(dataDir), "the data folder and all it held are deleted");
        // Helidon's own extension stops the server again after the class: that is harmless
        server.stop();
    }

    @Test
    void aServerStartedForItsClassIsPreparedAnswersOnItsSocketAndLeavesNothingBehind() throws Exception {
        AtomicBoolean siteClosed = new AtomicBoolean();
        List<String> events = new CopyOnWriteArrayList<>();
        TestServer testServer = TestServer.create().closingAfter(() -> siteClosed.set(true))
                .configured(Map.of("opds.username", "reader", "opds.password", "secret"))
                .preparedBy(() -> events.add("prepared"));
        Path dataDir = testServer.dataDir();

        testServer.beforeAll(contextOf(TestServerTest.class));
        URI uri = testServer.uri();
        try {
            assertEquals(List.of("prepared"), events);
            assertEquals(200, testServer.http().get("/health").status());
            assertEquals(401, testServer.http().get("/opds").status(), "the settings given are the server's");
            assertTrue(Files.exists(dataDir.resolve(Database.FILE_NAME)), "the server keeps its data in the folder");
        } finally {
            testServer.afterAll(contextOf(TestServerTest.class));
        }

        assertTrue(siteClosed.get());
        assertFalse(Files.exists(dataDir));
        assertThrows(RuntimeException.class, () -> new RestClient(uri).get("/health"), "the port is released");
    }

    @Test
    void aDirectServerAnswersWithoutASocket() throws Exception {
        TestServer testServer = TestServer.direct();
        Path dataDir = testServer.dataDir();

        testServer.beforeAll(contextOf(TestServerTest.class));
        try {
            assertEquals(200, testServer.http().get("/health").status());
            assertThrows(IllegalStateException.class, testServer::uri, "no socket, no address");
            assertThrows(IllegalStateException.class, () -> testServer.wiredBy(Main::setup));
        } finally {
            testServer.afterAll(contextOf(TestServerTest.class));
        }
        assertFalse(Files.exists(dataDir));
    }

    @Test
    void aClassUnderHelidonsServerTestIsLeftToHelidon() throws Exception {
        TestServer testServer = TestServer.create();
        testServer.beforeAll(contextOf(UnderHelidon.class));
        try {
            assertThrows(IllegalStateException.class, testServer::uri, "nothing started");
            assertThrows(IllegalStateException.class, testServer::app, "nothing wired");
        } finally {
            testServer.afterAll(contextOf(UnderHelidon.class));
        }
    }

    @Test
    void deletingAFolderThatIsGoneIsNoError() throws Exception {
        Path folder = TestConfig.newDataDir();
        TestServer.deleteRecursively(folder);
        TestServer.deleteRecursively(folder);
        assertFalse(Files.exists(folder));
    }

    /** A class such as those that still set their server up through Helidon's extension. */
    @ServerTest
    private static final class UnderHelidon {
    }

    /** The context of {@code testClass}: the extension asks it for the class alone. */
    private static ExtensionContext contextOf(Class<?> testClass) {
        return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getRequiredTestClass")) {
                        return testClass;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
