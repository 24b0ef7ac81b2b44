package dev.jamra.server.updates;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.FakeMangaDex;
import dev.jamra.server.testing.ForkedServer;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestConfig;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.jamra.server.updates.UpdatesApi.untilCheckEnds;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The server killed ({@code SIGKILL}) in the middle of a check, then started on the same data folder: what the check
 * had found is there, and the next check finds the rest without calling anything new twice.
 */
class UpdateRestartTest {
    private static final List<String> TITLES = List.of("one", "two", "three", "four");

    private static String id(String name) {
        return UUID.nameUUIDFromBytes(("restart-" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    void aCheckKilledHalfwayKeepsWhatItFoundAndNothingIsNewTwice() {
        Path dataDir = TestConfig.newDataDir();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        try (FakeMangaDex mangaDex = FakeMangaDex.start()) {
            Map<String, String> settings = mangaDex.settings(Map.of("data-dir", dataDir.toString(),
                    "sources.mangadex.requests-per-second", "1000",
                    "library.update-interval", "PT0S"));
            for (String title : TITLES) {
                mangaDex.addManga(id(title), title);
                mangaDex.addChapter(id(title), id(title + "-1"), "1", "en", 1, null);
            }
            ForkedServer server = ForkedServer.start(settings, log);
            try {
                UpdatesApi updates = new UpdatesApi(new RestClient(server.uri()));
                List<String> items = TITLES.stream().map(title -> updates.add(id(title), "mangadex", title)).toList();
                updates.checkAndWait();
                for (String title : TITLES) {
                    mangaDex.addChapter(id(title), id(title + "-2"), "2", "en", 1, null);
                }
                String third = "/manga/" + id("three") + "/feed";
                mangaDex.stall(third);
                updates.start();
                Await.until(() -> updates.status().getInt("checked") == 2 && mangaDex.requests(third).size() == 2,
                        "two titles checked, the third being asked");
                server.kill();
                mangaDex.release(third);

                server = ForkedServer.start(settings, log);
                UpdatesApi restarted = new UpdatesApi(new RestClient(server.uri()));
                JsonObject status = restarted.status();
                assertFalse(status.getBoolean("running"), "the killed check is over");
                assertEquals(2, status.getInt("checked"));
                assertEquals(4, status.getInt("total"));
                assertEquals(List.of(id("two-2"), id("one-2")), chapterIds(restarted.feed("")),
                        "what it had found is there");
                assertEquals(List.of(1, 1, 0, 0), items.stream().map(restarted::newChapters).toList());

                try (ChannelClient client = ChannelClient.connect(server.uri())) {
                    restarted.start();
                    List<String> found = untilCheckEnds(client).stream()
                            .filter(message -> message.getString("event").equals("library:chapters:new"))
                            .map(message -> message.getJsonObject("data").getString("libraryId")).toList();
                    assertEquals(items.subList(2, 4), found, "only three and four are new now");
                }
                assertEquals(List.of(id("four-2"), id("three-2"), id("two-2"), id("one-2")),
                        chapterIds(restarted.feed("")));
                assertEquals(List.of(1, 1, 1, 1), items.stream().map(restarted::newChapters).toList());
            } finally {
                server.kill();
            }
            assertThat(server.output(), not(containsString("SEVERE")));
        }
    }

    private static List<String> chapterIds(JsonObject feed) {
        return feed.getJsonArray("items").stream().map(item -> item.asJsonObject().getString("chapterId")).toList();
    }
}
