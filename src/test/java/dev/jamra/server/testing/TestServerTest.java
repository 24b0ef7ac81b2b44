package dev.jamra.server.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.jamra.server.Main;
import dev.jamra.server.storage.Database;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test server helper: the server it starts, the address it learns, and what it leaves behind (nothing). */
class TestServerTest {

    @Test
    void aServerStartedForItsClassIsPreparedAnswersOnItsSocketAndLeavesNothingBehind() throws Exception {
        AtomicBoolean siteClosed = new AtomicBoolean();
        List<String> events = new CopyOnWriteArrayList<>();
        TestServer testServer = TestServer.create().closingAfter(() -> siteClosed.set(true))
                .configured(Map.of("opds.username", "reader", "opds.password", "secret"))
                .preparedBy(() -> events.add("prepared"));
        Path dataDir = testServer.dataDir();

        testServer.beforeAll(null);
        URI uri = testServer.uri();
        try {
            assertEquals(List.of("prepared"), events);
            assertEquals(200, testServer.http().get("/health").status());
            assertEquals(401, testServer.http().get("/opds").status(), "the settings given are the server's");
            assertTrue(Files.exists(dataDir.resolve(Database.FILE_NAME)), "the server keeps its data in the folder");
        } finally {
            testServer.afterAll(null);
        }

        assertTrue(siteClosed.get());
        assertFalse(Files.exists(dataDir));
        assertThrows(RuntimeException.class, () -> new RestClient(uri).get("/health"), "the port is released");
    }

    @Test
    void aDirectServerAnswersWithoutASocket() throws Exception {
        TestServer testServer = TestServer.direct();
        Path dataDir = testServer.dataDir();

        testServer.beforeAll(null);
        try {
            assertEquals(200, testServer.http().get("/health").status());
            assertThrows(IllegalStateException.class, testServer::uri, "no socket, no address");
            assertThrows(IllegalStateException.class, () -> testServer.wiredBy(Main::setup));
        } finally {
            testServer.afterAll(null);
        }
        assertFalse(Files.exists(dataDir));
    }

    @Test
    void deletingAFolderThatIsGoneIsNoError() throws Exception {
        Path folder = TestConfig.newDataDir();
        TestServer.deleteRecursively(folder);
        TestServer.deleteRecursively(folder);
        assertFalse(Files.exists(folder));
    }
}
