package dev.jamra.server.downloads;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.jamra.server.testing.LibraryRows;
import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static dev.jamra.server.downloads.DownloadAssertions.download;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a download test class sets up once: a manga site on a local {@link PageServer}, the real server reading it
 * through the fixture source on a data folder of its own ({@link TestServer}), and direct access to its library
 * rows. A test class registers it on a static field; before the class it starts the server, after the class it
 * stops the server, deletes the folder and stops the site.
 */
final class DownloadTestServer implements BeforeAllCallback, AfterAllCallback {
    static final String SOURCE = "fixture";

    private final TestServer server = TestServer.create().readingSite();
    private final Map<String, String> downloads;
    private volatile LibraryRows library;

    private DownloadTestServer(Map<String, String> downloads) {
        this.downloads = Map.copyOf(downloads);
    }

    /** @param downloads {@code downloads.*} settings, such as {@code concurrency}, without the prefix */
    static DownloadTestServer create(Map<String, String> downloads) {
        return new DownloadTestServer(downloads);
    }

    /** Starts the server as {@code Main} does, with a short retry back-off. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("downloads.retry-backoff", "PT0.01S");
        downloads.forEach((key, value) -> config.put("downloads." + key, value));
        server.configured(config).beforeAll(context);
        library = LibraryRows.open(server.dataDir());
    }

    URI uri() {
        return server.uri();
    }

    RestClient http() {
        return server.http();
    }

    Path dataDir() {
        return server.dataDir();
    }

    PageServer pages() {
        return server.site();
    }

    /** Adds a library item for a manga of the fixture source; returns its id. */
    String libraryItem(String mangaId) {
        return library.insert(mangaId, SOURCE);
    }

    LibraryRows library() {
        return library;
    }

    /**
     * Asserts that a download's folder holds exactly its pages, {@code page_001.<extension>}..., with the bytes
     * the site served for {@code names}, that the API lists them, and that no page request is left behind.
     */
    void assertFiles(RestClient http, String downloadId, List<String> names, List<String> extensions)
            throws IOException {
        Path folder = DownloadAssertions.folder(dataDir(), downloadId);
        assertEquals(names.size(), DownloadAssertions.pageFiles(folder).size(), "only the pages, no temporary files");
        for (int i = 0; i < names.size(); i++) {
            Path file = folder.resolve(String.format("page_%03d.%s", i + 1, extensions.get(i)));
            assertArrayEquals(PageServer.bytesFor(names.get(i)), Files.readAllBytes(file), file.toString());
        }
        assertEquals(names.size(), download(http, downloadId).getJsonArray("pages").size());
        assertEquals(0, pages().inFlight(), downloadId + " left no request behind");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        LibraryRows rows = library;
        if (rows != null) {
            rows.close();
        }
        server.afterAll(context);
    }
}
