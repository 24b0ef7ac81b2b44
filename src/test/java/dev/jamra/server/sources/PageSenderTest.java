package dev.jamra.server.sources;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.jamra.server.testing.PageServer;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestConfig;
import dev.jamra.server.web.ErrorHandling;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Page files sent over a real socket, including one deleted between its lookup and its sending. */
@ServerTest
class PageSenderTest {
    private static final Path DIR = TestConfig.newDataDir();
    private static final Path PAGE = DIR.resolve("page_001.png");
    private static final PageFetcher FETCHER = new PageFetcher(new PageFetcher.Settings(Duration.ofSeconds(1),
            Duration.ofSeconds(1), 1024, false));

    private final RestClient http;

    PageSenderTest(URI uri) {
        this.http = new RestClient(uri);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) throws IOException {
        Files.write(PAGE, PageServer.bytesFor("page"));
        PageSender sender = PageSender.create(FETCHER, DIR.resolve("tmp"));
        routing.get("/page", (req, res) -> sender.sendFile(res, PAGE, "image/png"))
                // as the reader does when a download's file goes away after it found it on disk
                .get("/gone", (req, res) -> sender.sendFile(res, DIR.resolve("page_002.png"), "image/png"));
        ErrorHandling.register(routing);
    }

    @AfterAll
    static void closeFetcher() throws InterruptedException {
        FETCHER.close();
    }

    @Test
    void aFileIsSentWithItsTypeAndLength() {
        RestClient.Response page = http.get("/page");
        assertEquals(200, page.status(), page::body);
        assertEquals("image/png", page.contentType());
        assertEquals("private", page.header("Cache-Control").orElseThrow());
        assertArrayEquals(PageServer.bytesFor("page"), page.bytes());
    }

    @Test
    void aFileDeletedBeforeItIsSentIs404() {
        RestClient.Response gone = http.get("/gone");
        assertEquals(404, gone.status(), gone::body);
        assertEquals("That page is no longer stored", gone.message());
    }
}
