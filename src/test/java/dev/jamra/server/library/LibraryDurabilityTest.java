package dev.jamra.server.library;

import java.net.URI;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.function.Consumer;

import dev.jamra.server.ServerLifecycle;
import dev.jamra.server.Main;
import dev.jamra.server.storage.Database;
import dev.jamra.server.testing.TestConfig;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the library stores outlives the server: a new server on the same data folder finds all of it. */
class LibraryDurabilityTest {
    private final Path dataDir = TestConfig.newDataDir();

    /** Starts a server on {@link #dataDir}, gives its address to {@code test}, and stops it. */
    private void withServer(Consumer<URI> test) {
        WebServerConfig.Builder builder = WebServer.builder();
        ServerLifecycle app = Main.setup(builder, TestConfig.create(dataDir));
        WebServer server = builder.build().start();
        try {
            test.accept(URI.create("http://localhost:" + server.port()));
        } finally {
            app.stop();
        }
    }

    @Test
    void itemsProgressAndSettingsSurviveARestartAndRemovalTakesProgressAlong() {
        JsonObject[] kept = new JsonObject[3];
        JsonValue[] progress = new JsonValue[2];
        withServer(uri -> {
            LibraryApi api = new LibraryApi(uri);
            kept[0] = api.add("Nausicaä", "reading");
            kept[1] = api.patch(api.add("Akira", "plan_to_read").getString("id"),
                    Json.createObjectBuilder().add("status", "completed").add("favorite", true).build());
            kept[2] = api.add(LibraryApi.newItem("gone-manga", "Gone", "dropped").build());
            for (JsonObject item : List.of(kept[0], kept[2])) {
                String id = item.getString("id");
                api.saveProgress(id, Json.createObjectBuilder().add("chapterId", "c1").add("pageNumber", 10)
                        .add("totalPages", 10).build());
                api.saveProgress(id, Json.createObjectBuilder().add("chapterId", "c2").add("chapterNumber", "2")
                        .add("pageNumber", 3).build());
            }
            kept[0] = api.get(kept[0].getString("id"));  // as reading left it: its lastUpdated moved
            progress[0] = api.rest.get("/api/library/" + kept[0].getString("id") + "/progress").value();
            assertEquals(204, api.rest.put("/api/settings",
                    "{\"key\":\"reader.direction\",\"value\":{\"mode\":\"rtl\",\"zoom\":1.5}}").status());
        });

        withServer(uri -> {
            LibraryApi api = new LibraryApi(uri);
            assertEquals(kept[0], api.get(kept[0].getString("id")));
            assertEquals(kept[1], api.get(kept[1].getString("id")));
            assertEquals(progress[0], api.rest.get("/api/library/" + kept[0].getString("id") + "/progress").value());
            assertEquals("c2", api.rest.get("/api/library/" + kept[0].getString("id") + "/last-read").json()
                    .getString("chapterId"));
            assertEquals(Json.createObjectBuilder().add("mode", "rtl").add("zoom", 1.5).build(),
                    api.rest.get("/api/settings/reader.direction").json().getJsonObject("setting")
                            .getJsonObject("value"));
            assertEquals(3, api.stats().getInt("total"));

            api.delete(kept[2].getString("id"));
        });

        try (Database db = Database.open(dataDir)) {
            assertEquals(0, progressRows(db, kept[2].getString("id")), "the removed item's progress is gone");
            assertEquals(2, progressRows(db, kept[0].getString("id")), "the other item's progress stays");
        }
        withServer(uri -> assertEquals(2, new LibraryApi(uri).stats().getInt("total")));
    }

    private static int progressRows(Database db, String libraryId) {
        return db.read(c -> {
            try (PreparedStatement count = c.prepareStatement(
                    "select count(*) from reading_progress where library_id = ?")) {
                count.setString(1, libraryId);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
