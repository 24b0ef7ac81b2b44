package dev.jamra.server.updates;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.ChannelClient;
import dev.jamra.server.testing.FakeMangaDex;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.jamra.server.updates.UpdatesApi.lines;
import static dev.jamra.server.updates.UpdatesApi.untilCheckEnds;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Library updates of MangaDex titles, against the fake MangaDex on a local server where new releases appear between
 * two checks; every client sees the events over a real WebSocket. Each test starts with an empty library.
 */
class MangaDexUpdatesTest {
    /** The source's limit here: 20 requests a second, one slot every 50 ms. */
    private static final int REQUESTS_PER_SECOND = 20;

    @RegisterExtension
    static final TestServer SERVER = TestServer.create().readingMangaDex()
            .configured(UpdatesApi.CHECKS_WHEN_ASKED)
            .configured(Map.of("sources.mangadex.requests-per-second", String.valueOf(REQUESTS_PER_SECOND)));

    private final RestClient http = SERVER.http();
    @RegisterExtension
    final UpdatesApi updates = UpdatesApi.of(SERVER);

    private static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A MangaDex title with chapters numbered 1..{@code chapters} (ids {@code id(name + "-" + n)}), in the library. */
    private String title(String name, int chapters) {
        SERVER.mangaDex().addManga(id(name), name);
        for (int n = 1; n <= chapters; n++) {
            release(name, n);
        }
        return updates.add(id(name), "mangadex", name);
    }

    private static void release(String name, int number) {
        SERVER.mangaDex().addChapter(id(name), id(name + "-" + number), String.valueOf(number), "en", 2, null);
    }

    @Test
    void newReleasesAreFoundByTheSecondCheckAndEveryClientHearsThemInOrder() {
        String berserk = title("berserk", 2);
        String vagabond = title("vagabond", 1);
        JsonObject first = updates.checkAndWait();
        assertEquals(2, first.getInt("checked"));
        assertEquals(List.of(), first.getJsonArray("errors"));
        assertEquals(0, updates.feed("").getInt("total"), "a first check records, finds nothing new");
        // the details screen keeps the manga for a while: after the check it must show the new chapters anyway
        assertEquals(2, chapters(id("berserk")));

        release("berserk", 3);
        release("berserk", 4);
        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            JsonObject started = updates.start();
            assertTrue(started.getBoolean("running"));
            List<JsonObject> events = untilCheckEnds(client);
            assertEquals(List.of(
                    "library:update:progress true 0/2",
                    "library:chapters:new " + berserk,
                    "library:item:updated " + berserk,
                    "manga:updated " + id("berserk"),
                    "library:update:progress true 1/2",
                    "library:update:progress true 2/2",
                    "library:update:progress false 2/2"), lines(events));

            JsonObject found = events.get(1).getJsonObject("data");
            assertEquals(Json.createObjectBuilder().add("libraryId", berserk).add("mangaId", id("berserk"))
                    .add("extensionId", "mangadex").add("title", "berserk")
                    .add("chapters", Json.createArrayBuilder()
                            .add(chapter(id("berserk-3"), "3")).add(chapter(id("berserk-4"), "4")))
                    .add("timestamp", found.getJsonNumber("timestamp")).build(), found);
            JsonObject updated = events.get(2).getJsonObject("data");
            assertEquals(Json.createObjectBuilder().add("newChapters", 2).build(), updated.getJsonObject("changes"));
            assertEquals("reading", updated.getString("status"), "the item as it is, as for any update");
            assertEquals(Json.createObjectBuilder().add("mangaId", id("berserk"))
                    .add("changes", Json.createArrayBuilder().add("chapters"))
                    .add("timestamp", found.getJsonNumber("timestamp")).build(),
                    events.get(3).getJsonObject("data"), "the renderer's MangaUpdatedPayload, field for field");
        }

        JsonObject feed = updates.feed("");
        assertEquals(2, feed.getInt("total"));
        assertEquals(List.of(id("berserk-4"), id("berserk-3")), feed.getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getString("chapterId")).toList(), "the latest found first");
        JsonObject latest = feed.getJsonArray("items").getJsonObject(0);
        assertEquals("4", latest.getString("chapterNumber"));
        assertEquals("Chapter 4 (en)", latest.getString("chapterTitle"));
        assertEquals("berserk", latest.getString("title"));
        assertTrue(latest.getBoolean("isNew"));
        assertEquals(2, updates.newChapters(berserk));
        assertEquals(0, updates.newChapters(vagabond));
        assertEquals(Map.of(berserk, 2, vagabond, 0), newChaptersOfTheList());
        assertEquals(4, chapters(id("berserk")), "the source forgot the details it kept");
    }

    @Test
    void readingANewChapterOrReportingProgressTakesItOffTheCount() {
        String item = title("dorohedoro", 1);
        updates.checkAndWait();
        release("dorohedoro", 2);
        release("dorohedoro", 3);
        updates.checkAndWait();
        assertEquals(2, updates.newChapters(item));

        try (ChannelClient client = ChannelClient.connect(SERVER.uri())) {
            RestClient.Response page = http.get("/api/reader/" + item + "/chapters/" + id("dorohedoro-2")
                                                + "/pages/1");
            assertEquals(200, page.status(), page::toString);
            assertEquals(1, updates.newChapters(item), "the reader opened one");
            JsonObject count = nextWithNewChapters(client);
            assertEquals(item, count.getString("libraryId"));
            assertEquals(1, count.getJsonObject("changes").getInt("newChapters"));

            RestClient.Response progress = http.put("/api/library/" + item + "/progress", Json.createObjectBuilder()
                    .add("chapterId", id("dorohedoro-3")).add("pageNumber", 0).build());
            assertEquals(200, progress.status(), progress::toString);
            assertEquals(0, updates.newChapters(item));
            assertEquals(0, nextWithNewChapters(client).getJsonObject("changes").getInt("newChapters"));
        }
        assertEquals(List.of(false, false), updates.feed("").getJsonArray("items").stream()
                .map(entry -> entry.asJsonObject().getBoolean("isNew")).toList(), "both stay in the feed");
    }

    @Test
    void twoStartsAtOnceMakeOneCheckAndAUserRequestDoesNotWaitBehindIt() throws Exception {
        title("akira", 1);
        title("pluto", 1);
        updates.checkAndWait();
        String feedOfPluto = "/manga/" + id("pluto") + "/feed";
        int plutoBefore = SERVER.mangaDex().requests(feedOfPluto).size();
        SERVER.mangaDex().stall(feedOfPluto);
        try {
            CompletableFuture<JsonObject> one = CompletableFuture.supplyAsync(updates::start);
            CompletableFuture<JsonObject> two = CompletableFuture.supplyAsync(updates::start);
            JsonObject a = one.get(10, TimeUnit.SECONDS);
            JsonObject b = two.get(10, TimeUnit.SECONDS);
            assertTrue(a.getBoolean("running"));
            assertTrue(b.getBoolean("running"));
            assertEquals(a.getString("startedAt"), b.getString("startedAt"), "the second answers the first's check");
            Await.until(() -> SERVER.mangaDex().requests(feedOfPluto).size() == plutoBefore + 1, "pluto is being checked");

            // the check waits on MangaDex; a search goes through meanwhile
            RestClient.Response search = http.get("/api/extensions/mangadex/search?query=akira");
            assertEquals(200, search.status(), search::toString);
            assertTrue(updates.status().getBoolean("running"));
            assertEquals(plutoBefore + 1, SERVER.mangaDex().requests(feedOfPluto).size(), "one request of it at a time");
        } finally {
            SERVER.mangaDex().release(feedOfPluto);
        }
        Await.until(() -> !updates.status().getBoolean("running"), "the check is over");
        assertEquals(plutoBefore + 1, SERVER.mangaDex().requests(feedOfPluto).size(), "one check asked once");
    }

    @Test
    void aLargeLibrarysCheckSpreadsItsRequestsAtTheSourcesPace() {
        int titles = 10;
        IntStream.range(0, titles).forEach(i -> title("pace-" + i, 1));
        long since = System.nanoTime();
        updates.checkAndWait();

        List<Long> arrivals = SERVER.mangaDex().requests().stream()
                .filter(request -> request.arrivedNanos() >= since && request.path().endsWith("/feed"))
                .map(FakeMangaDex.Request::arrivedNanos).toList();
        assertEquals(titles, arrivals.size(), "one feed request per title");
        // MangaDex's own limiter would let all ten through at once (they fit in its one-second window); paced, they
        // take nine slots. A lower bound, which a loaded machine can only widen; 150 ms for the first request's
        // own delay on the way.
        long slot = TimeUnit.SECONDS.toNanos(1) / REQUESTS_PER_SECOND;
        assertThat(arrivals.getLast() - arrivals.getFirst(),
                greaterThanOrEqualTo((titles - 1) * slot - TimeUnit.MILLISECONDS.toNanos(150)));
    }

    @Test
    void anItemThatCannotBeCheckedIsListedWithWhyAndTheOthersAreChecked() {
        String kept = title("monster", 1);
        String gone = updates.add(id("never-on-mangadex"), "mangadex", "Gone Title");
        updates.checkAndWait();
        release("monster", 2);

        JsonObject status = updates.checkAndWait();
        assertEquals(2, status.getInt("checked"));
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("libraryId", gone)
                .add("title", "Gone Title").add("message", "MangaDex has no manga " + id("never-on-mangadex")))
                .build(), status.getJsonArray("errors"));
        assertEquals(1, updates.newChapters(kept));

        SERVER.mangaDex().down(true);
        try {
            JsonObject down = updates.checkAndWait();
            assertEquals(List.of("The source 'mangadex' could not answer this request",
                            "The source 'mangadex' could not answer this request"),
                    down.getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("message")).toList());
            assertFalse(down.getBoolean("running"));
            assertEquals(2, down.getInt("checked"));
        } finally {
            SERVER.mangaDex().down(false);
        }
    }

    private static JsonObject chapter(String id, String number) {
        return Json.createObjectBuilder().add("id", id).add("chapterNumber", number)
                .add("title", "Chapter " + number + " (en)").build();
    }

    private int chapters(String mangaId) {
        return http.getJson("/api/extensions/mangadex/manga/" + mangaId).getJsonArray("chapters").size();
    }

    private Map<String, Integer> newChaptersOfTheList() {
        return http.get("/api/library").json().getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .collect(java.util.stream.Collectors.toMap(item -> item.getString("id"),
                        item -> item.getInt("newChapters")));
    }

    /** The next {@code library:item:updated} that carries {@code changes.newChapters}; others are skipped. */
    private static JsonObject nextWithNewChapters(ChannelClient client) {
        while (true) {
            JsonObject message = client.next();
            if (message.getString("event").equals("library:item:updated")
                && message.getJsonObject("data").getJsonObject("changes").containsKey("newChapters")) {
                return message.getJsonObject("data");
            }
        }
    }
}
