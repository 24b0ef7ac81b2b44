package dev.jamra.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test server helper: the address it learns, and what it leaves behind after its class (nothing). */
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
    void deletingAFolderThatIsGoneIsNoError() throws Exception {
        Path folder = TestConfig.newDataDir();
        TestServer.deleteRecursively(folder);
        TestServer.deleteRecursively(folder);
        assertFalse(Files.exists(folder));
    }
}
