package dev.jamra.server.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.jamra.server.storage.Database;
import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/library} streams its pages from SQLite's JSON of each row: over a real socket, the answer must
 * be, byte for byte, what the server sent when it built each item as a {@code JsonObject}
 * ({@link PreviousPageEncoding}), for a library with every kind of field ({@link EncodingLibrary}), on pages of
 * every order, filter and window, both those sent whole and those sent in chunks. {@link PageJsonTest} does the
 * same without a server, in chunks of every size.
 */
class LibraryListEncodingTest {
    private static final int CHUNK = 64 * 1024;  // the streamed answer's chunk (web.JsonStream)
    @RegisterExtension
    static final TestServer SERVER = TestServer.create().preparedBy(LibraryListEncodingTest::coverFiles);

    private static Database db;

    private final RestClient http = SERVER.http();

    /** Local covers the listing finds as the server starts. */
    private static void coverFiles() throws IOException {
        Path local = SERVER.dataDir().resolve("local");
        for (String manga : EncodingLibrary.SERVED) {
            Files.write(Files.createDirectories(local.resolve(manga)).resolve("cover.png"), Images.of("png", 4, 6));
        }
        Files.createDirectories(local.resolve("coverless"));
    }

    @BeforeAll
    static void seed() {
        db = EncodingLibrary.seeded(SERVER.dataDir());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @ParameterizedTest
    @MethodSource("dev.jamra.server.library.EncodingLibrary#queries")
    void theStreamedPageIsThePreviousEncodingByteForByte(String query) {
        byte[] expected = EncodingLibrary.previous(db, query, SERVER.uri().toString().replaceAll("/$", ""));
        RestClient.Response answer = http.get("/api/library" + query);
        assertEquals(200, answer.status());
        assertEquals("application/json", answer.contentType());
        EncodingLibrary.assertSameBytes(expected, answer.bytes(), "GET /api/library" + query);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?sort=title"})
    void theWholeListTakesSeveralChunks(String query) {
        assertTrue(EncodingLibrary.previous(db, query, "http://localhost").length > 3 * CHUNK,
                "the test library is large enough to be chunked");
        RestClient.Response answer = http.get("/api/library" + query);
        assertEquals(Optional.empty(), answer.header("content-length"), "streamed, not kept whole");
    }

    @Test
    void anAnswerOfLessThanTwoChunksGoesOutWholeWithItsLength() {
        String base = SERVER.uri().toString().replaceAll("/$", "");
        String query = null;
        byte[] expected = null;
        // the first page longer than one chunk: between one and two
        for (int limit = 10; expected == null || expected.length <= CHUNK; limit += 10) {
            query = "?limit=" + limit;
            expected = EncodingLibrary.previous(db, query, base);
        }
        assertTrue(expected.length < 2 * CHUNK, "the page is " + expected.length + " bytes");
        RestClient.Response answer = http.get("/api/library" + query);
        assertEquals(200, answer.status());
        EncodingLibrary.assertSameBytes(expected, answer.bytes(), "GET /api/library" + query);
        assertEquals(Optional.of(String.valueOf(expected.length)), answer.header("content-length"));
    }
}
