package dev.jamra.server.opds;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;

import static dev.jamra.server.opds.AtomDocument.link;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A local manga added without a cover shows in the catalog with the cover its folder has, as in the REST answers. */
class OpdsLocalCoversTest {
    private static final byte[] COVER = Images.of("png", 12, 18);

    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .preparedBy(OpdsLocalCoversTest::prepare);

    private final RestClient http = SERVER.http();

    private static void prepare() throws IOException {
        Path manga = Files.createDirectories(SERVER.dataDir().resolve("local").resolve("Covered").resolve("Ch 1"));
        Files.write(manga.getParent().resolve("cover.png"), COVER);
        Files.write(manga.resolve("1.png"), Images.of("png", 4, 4));
    }

    @Test
    void bothCatalogsLinkTheCoverTheLocalFolderServes() {
        RestClient.Response added = http.post("/api/library", Json.createObjectBuilder().add("mangaId", "Covered")
                .add("extensionId", "local").add("title", "Covered").add("status", "reading").build());
        assertEquals(201, added.status(), added::toString);
        String served = SERVER.uri() + "/api/extensions/local/manga/Covered/cover";

        AtomDocument shelf = AtomDocument.feed(http.get("/opds/shelves/reading").body()
                .getBytes(StandardCharsets.UTF_8));
        Element entry = shelf.entry("Covered");
        assertEquals(served, link(entry, "http://opds-spec.org/image").orElseThrow().getAttribute("href"));
        assertEquals(served, link(entry, "http://opds-spec.org/image/thumbnail").orElseThrow().getAttribute("href"));

        JsonObject title = http.get("/opds/v2/titles/" + added.json().getString("id")).json();
        assertTrue(title.getJsonArray("publications").getJsonObject(0).getJsonArray("images").stream()
                .map(JsonValue::asJsonObject).anyMatch(image -> image.getString("href").equals(served)));
        assertArrayEquals(COVER, http.get(URI.create(served).getPath()).bytes());
    }
}
