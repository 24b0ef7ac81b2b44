package dev.jamra.server.sources.mangadex;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.Main;
import dev.jamra.server.testing.FakeMangaDex;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MangaDex source through the REST API over a real socket, against a fake MangaDex on a local server that
 * answers in the real API's shapes: search and its pages, details in the preferred language, the whole chapter feed,
 * chapters that cannot be read here, 429 and 404 answers.
 */
class MangaDexSourceTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.direct().readingMangaDex()
            .configured(Map.of(
                "sources.mangadex.languages", "fr,en",
                "sources.mangadex.requests-per-second", "1000",
                "sources.mangadex.timeout", "PT1S"));

    private final RestClient http = SERVER.http();

    static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    void isListedAsAnExtensionAndInTheCatalog() {
        JsonArray extensions = http.get("/api/extensions").json().getJsonArray("extensions");
        JsonObject mangaDexEntry = extensions.getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("id").equals("mangadex")).findFirst().orElseThrow();
        assertEquals("MangaDex", mangaDexEntry.getString("name"));
        assertEquals(200, http.get("/api/extensions/mangadex").status());

        JsonObject catalogEntry = http.get("/api/catalog").json().getJsonArray("entries")
                .getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("id").equals("mangadex")).findFirst().orElseThrow();
        assertEquals("MangaDex", catalogEntry.getString("name"));
    }

    @Test
    void searchIsPaginatedWithCovers() {
        for (int i = 1; i <= 45; i++) {
            SERVER.mangaDex().addManga(id("star-" + i), Json.createObjectBuilder().add("en", "Star Road " + i).build(),
                    JsonValue.EMPTY_JSON_ARRAY, i == 2 ? null : "cover-" + i + ".jpg");
        }
        SERVER.mangaDex().addManga(id("other"), "Something Else");

        JsonObject first = search("star%20road", 1);
        JsonArray results = first.getJsonArray("results");
        assertEquals(20, results.size());
        assertTrue(first.getBoolean("hasMore"));
        assertEquals(45, first.getInt("totalResults"));
        JsonObject one = results.getJsonObject(0);
        assertEquals(id("star-1"), one.getString("id"));
        assertEquals("Star Road 1", one.getString("title"));
        assertEquals(SERVER.mangaDex().uploadsUrl() + "/covers/" + id("star-1") + "/cover-1.jpg.256.jpg",
                one.getString("coverUrl"));
        assertEquals("ongoing", one.getString("status"));
        assertFalse(results.getJsonObject(1).containsKey("coverUrl"), "a manga without cover art has no cover");

        JsonObject last = search("star%20road", 3);
        assertEquals(5, last.getJsonArray("results").size());
        assertFalse(last.getBoolean("hasMore"));
        assertEquals(id("star-41"), last.getJsonArray("results").getJsonObject(0).getString("id"));

        FakeMangaDex.Request asked = lastRequest("/manga");
        assertEquals(List.of("star road"), asked.all("title"));
        assertEquals(List.of("20"), asked.all("limit"));
        assertEquals(List.of("40"), asked.all("offset"));
        assertEquals(List.of("cover_art"), asked.all("includes[]"));
        assertEquals(List.of("safe", "suggestive"), asked.all("contentRating[]"));
        assertEquals(List.of("fr", "en"), asked.all("availableTranslatedLanguage[]"));
        assertEquals(List.of("desc"), asked.all("order[relevance]"));
        assertThat(asked.userAgent(), startsWith("jamra-server/"));
    }

    @Test
    void anEmptyQueryListsPopularTitles() {
        SERVER.mangaDex().addManga(id("popular"), "Popular");
        JsonObject found = search("", 1);
        assertTrue(found.getJsonArray("results").size() > 0);
        FakeMangaDex.Request asked = lastRequest("/manga");
        assertEquals(List.of("desc"), asked.all("order[followedCount]"));
        assertTrue(asked.all("title").isEmpty());
    }

    @Test
    void detailsPickTheTitleInThePreferredLanguageWithFallbacks() {
        JsonObject fixture = FakeMangaDex.fixture("manga").getJsonObject("data").getJsonObject("attributes");
        SERVER.mangaDex().addManga(id("alt-fr"), fixture.getJsonObject("title"), fixture.getJsonArray("altTitles"), "c.png");
        SERVER.mangaDex().addManga(id("romaji"), Json.createObjectBuilder().add("ja-ro", "Only Romaji").build(),
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("ja", "日本語だけ")).build(), null);
        SERVER.mangaDex().addManga(id("english"), Json.createObjectBuilder().add("en", "English Main").build(),
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("de", "Deutsch")).build(), null);
        SERVER.mangaDex().addManga(id("korean"), Json.createObjectBuilder().add("ko", "한국어").build(),
                JsonValue.EMPTY_JSON_ARRAY, null);

        JsonObject manga = details(id("alt-fr"));
        assertEquals("Les Pirates des étoiles", manga.getString("title"), "French first, from the alternative titles");
        assertEquals("Un équipage de marginaux navigue entre les étoiles.", manga.getString("description"));
        assertEquals("ongoing", manga.getString("status"));
        assertEquals(List.of("Aoki Ren"), strings(manga.getJsonArray("authors")));
        assertEquals(List.of("Mori Sachi"), strings(manga.getJsonArray("artists")));
        assertEquals(List.of("Action", "Adventure"), strings(manga.getJsonArray("tags")));
        assertEquals(SERVER.mangaDex().uploadsUrl() + "/covers/" + id("alt-fr") + "/c.png.256.jpg", manga.getString("coverUrl"));
        FakeMangaDex.Request asked = lastRequest("/manga/" + id("alt-fr"));
        assertEquals(List.of("cover_art", "author", "artist"), asked.all("includes[]"));

        assertEquals("Only Romaji", details(id("romaji")).getString("title"), "the original language romanized");
        assertEquals("English Main", details(id("english")).getString("title"), "English before other languages");
        assertEquals("한국어", details(id("korean")).getString("title"), "any title rather than none");
    }

    @Test
    void theWholeFeedIsFetchedAcrossPagesInTheConfiguredLanguagesByNumber() {
        String manga = id("long-runner");
        SERVER.mangaDex().addManga(manga, "Long Runner");
        List<String[]> chapters = new ArrayList<>();
        for (int n = 1; n <= 1300; n++) {
            String language = n <= 1150 ? "en" : n <= 1200 ? "fr" : "es";
            chapters.add(new String[] {String.valueOf(n), language});
        }
        Collections.shuffle(chapters, new Random(42));
        for (String[] chapter : chapters) {
            SERVER.mangaDex().addChapter(manga, id("long-" + chapter[0]), chapter[0], chapter[1], 1, null);
        }

        RestClient.Response response = http.get("/api/extensions/mangadex/manga/" + manga + "/chapters");
        assertEquals(200, response.status(), response::body);
        JsonArray listed = response.json().getJsonArray("chapters");
        assertEquals(1200, listed.size(), "the Spanish chapters are left out");
        assertEquals(1200, response.json().getJsonObject("metrics").getInt("totalChapters"));
        for (int i = 0; i < listed.size(); i++) {
            JsonObject chapter = listed.getJsonObject(i);
            assertEquals(i + 1, chapter.getInt("chapterNumber"));
            assertEquals(id("long-" + (i + 1)), chapter.getString("id"));
        }

        List<FakeMangaDex.Request> feed = SERVER.mangaDex().requests("/manga/" + manga + "/feed");
        assertEquals(List.of("0", "500", "1000"), feed.stream().map(r -> r.first("offset").orElseThrow()).toList());
        for (FakeMangaDex.Request page : feed) {
            assertEquals(List.of("500"), page.all("limit"));
            assertEquals(List.of("fr", "en"), page.all("translatedLanguage[]"));
            assertEquals(List.of("safe", "suggestive"), page.all("contentRating[]"));
            assertEquals(List.of("1"), page.all("includeExternalUrl"), "external chapters are listed too");
            assertEquals(List.of("0"), page.all("includeFuturePublishAt"));
        }
    }

    @Test
    void anExternalChapterIsListedButRefusedWithAClearError() {
        String manga = id("external-manga");
        SERVER.mangaDex().addManga(manga, "Published Elsewhere");
        SERVER.mangaDex().addChapter(manga, id("ext-1"), "1", "en", 0, "https://mangaplus.example/viewer/1001");
        SERVER.mangaDex().addChapter(manga, id("ext-2"), "2", "en", 2, null);

        JsonArray listed = details(manga).getJsonArray("chapters");
        assertEquals(List.of(id("ext-1"), id("ext-2")),
                listed.getValuesAs(JsonObject.class).stream().map(c -> c.getString("id")).toList());

        RestClient.Response refused = http.get(pagesPath(manga, id("ext-1")));
        assertEquals(404, refused.status(), refused::body);
        assertThat(refused.message(), allOf(containsString("another site"),
                containsString("https://mangaplus.example/viewer/1001"), containsString("cannot be read")));
        assertTrue(SERVER.mangaDex().requests("/at-home/server/" + id("ext-1")).isEmpty(), "no image server is asked for it");

        JsonArray pages = http.get(pagesPath(manga, id("ext-2"))).json().getJsonArray("pages");
        assertEquals(2, pages.size());
        assertThat(pages.getJsonObject(0).getString("imageUrl"),
                allOf(startsWith(SERVER.mangaDex().apiUrl() + "/images/"), containsString("/data/")));
    }

    @Test
    void unknownIdsAreNotFound() {
        RestClient.Response unknown = http.get("/api/extensions/mangadex/manga/" + id("nobody"));
        assertEquals(404, unknown.status(), unknown::body);
        int before = SERVER.mangaDex().requests().size();
        assertEquals(404, http.get("/api/extensions/mangadex/manga/not-a-uuid").status());
        assertEquals(404, http.get(pagesPath(id("nobody"), "..%2Fmanga")).status());
        assertEquals(before, SERVER.mangaDex().requests().size(), "an id that is no MangaDex id is not sent");
    }

    @Test
    void aRateLimitedRequestWaitsAsItsRetryHeaderSays() {
        SERVER.mangaDex().addManga(id("patience"), "Patience");
        SERVER.mangaDex().rateLimitNext("/manga", "Retry-After", "1");
        int before = SERVER.mangaDex().requests("/manga").size();
        JsonObject found = search("patience", 1);
        assertEquals(id("patience"), found.getJsonArray("results").getJsonObject(0).getString("id"));
        List<FakeMangaDex.Request> asked = SERVER.mangaDex().requests("/manga");
        assertEquals(before + 2, asked.size(), "asked again once");
        long waited = asked.get(before + 1).arrivedNanos() - asked.get(before).arrivedNanos();
        assertThat(TimeUnit.NANOSECONDS.toMillis(waited), greaterThanOrEqualTo(950L));
    }

    @Test
    void aMangaDexThatHangsIsA502WithinTheTimeout() {
        String manga = id("hanging");
        SERVER.mangaDex().addManga(manga, "Hanging");
        SERVER.mangaDex().stall("/manga/" + manga);
        try {
            long start = System.nanoTime();
            RestClient.Response response = http.get("/api/extensions/mangadex/manga/" + manga);
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(502, response.status(), response::body);
            assertThat(response.message(), containsString("mangadex"));
            assertThat("answered after the 1 s timeout, not the 30 s stall", took, lessThan(10_000L));
        } finally {
            SERVER.mangaDex().release("/manga/" + manga);
        }
    }

    private JsonObject search(String query, int page) {
        return http.getJson("/api/extensions/mangadex/search?query=" + query + "&page=" + page);
    }

    private JsonObject details(String mangaId) {
        return http.getJson("/api/extensions/mangadex/manga/" + mangaId).getJsonObject("manga");
    }

    private static String pagesPath(String mangaId, String chapterId) {
        return "/api/extensions/mangadex/manga/" + mangaId + "/chapters/" + chapterId + "/pages";
    }

    private static FakeMangaDex.Request lastRequest(String path) {
        List<FakeMangaDex.Request> matching = SERVER.mangaDex().requests().stream()
                .filter(r -> r.path().equals(path)).toList();
        return matching.getLast();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                .toList();
    }
}
