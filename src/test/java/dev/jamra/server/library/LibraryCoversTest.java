package dev.jamra.server.library;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.jamra.server.library.LibraryApi.newItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Library items stored without a cover show the cover their source serves itself (the local library's), in every
 * answer that carries an item, as the client reached the server; a stored cover is left as it is.
 */
class LibraryCoversTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .preparedBy(LibraryCoversTest::prepare);

    private static final byte[] COVER = Images.of("png", 12, 18);

    private final LibraryApi api = new LibraryApi(SERVER.uri());
    private final RestClient http = api.rest;

    private static void prepare() throws IOException {
        Path library = SERVER.dataDir().resolve("local");
        for (String manga : List.of("with-cover", "stored-cover", "favorite")) {
            Files.write(Files.createDirectories(library.resolve(manga)).resolve("cover.png"), COVER);
        }
        Files.createDirectories(library.resolve("no-cover"));
    }

    @Test
    void anItemAddedWithoutACoverShowsItsSourcesCoverEverywhere() {
        String served = SERVER.uri() + "/api/extensions/local/manga/with-cover/cover";
        JsonObject added = api.add(newItem("with-cover", "With Cover", "reading").build());
        assertEquals(served, added.getString("coverUrl"));
        String id = added.getString("id");
        assertEquals(served, api.get(id).getString("coverUrl"));
        JsonObject listed = api.list("").getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .filter(item -> item.getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals(served, listed.getString("coverUrl"));
        RestClient.Response updated = http.patch("/api/library/" + id, "{\"status\":\"completed\"}");
        assertEquals(served, updated.json().getString("coverUrl"));
        RestClient.Response cover = http.get(URI.create(served).getPath());
        assertArrayEquals(COVER, cover.bytes());
    }

    @Test
    void theCoverFollowsTheAddressTheClientUsed() {
        String id = api.add(newItem("favorite", "Favorite", "reading").build()).getString("id");
        RestClient byAddress = new RestClient(URI.create("http://127.0.0.1:" + SERVER.uri().getPort()));
        RestClient.Response other = byAddress.patch("/api/library/" + id + "/favorite", "{}");
        assertEquals("http://127.0.0.1:" + SERVER.uri().getPort() + "/api/extensions/local/manga/favorite/cover",
                other.json().getString("coverUrl"));
    }

    @Test
    void aStoredCoverIsLeftAsItIs() {
        JsonObject added = api.add(newItem("stored-cover", "Stored", "reading")
                .add("coverUrl", "https://example.com/cover.jpg").build());
        assertEquals("https://example.com/cover.jpg", added.getString("coverUrl"));
        assertEquals("https://example.com/cover.jpg", api.get(added.getString("id")).getString("coverUrl"));
    }

    @Test
    void withoutASourceCoverAnItemHasNone() {
        JsonObject bare = api.add(newItem("no-cover", "No Cover", "reading").build());
        assertFalse(bare.containsKey("coverUrl"), "the manga has no image");
        JsonObject gone = api.add(newItem("not-on-disk", "Gone", "reading").build());
        assertFalse(gone.containsKey("coverUrl"), "the source does not know the manga");
        JsonObject elsewhere = api.add(newItem("with-cover", "Other Source", "reading")
                .add("extensionId", "not-installed").build());
        assertFalse(elsewhere.containsKey("coverUrl"), "no such source");
    }
}
