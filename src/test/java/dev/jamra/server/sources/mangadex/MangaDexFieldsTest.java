package dev.jamra.server.sources.mangadex;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.jamra.server.testing.FakeMangaDex;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.jamra.server.sources.mangadex.MangaDexSourceTest.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What the renderer reads of MangaDex's manga, field group by field group, in real answers over a socket from a
 * fake MangaDex that answers in the API's shapes: a chapter's language under both names, volume, groups, time and
 * pages; a search result's language, status and description; a manga's writers apart from its artists. What
 * MangaDex does not say is left out, never made up.
 */
class MangaDexFieldsTest {
    /** The chapter fixture's group, which the fake knows from the start. */
    private static final String FIXTURE_GROUP = "c8e3ab14-5f6b-4c8d-9e2f-3a4b5c6d7e8f";

    @RegisterExtension
    static final TestServer SERVER = TestServer.direct().readingMangaDex()
            .configured(Map.of(
                "sources.mangadex.languages", "fr,en",
                "sources.mangadex.requests-per-second", "1000"));

    private final RestClient http = SERVER.http();

    @Test
    void theExtensionSaysWhichLanguagesItListsAndWhatItIs() {
        JsonObject manifest = http.get("/api/extensions/mangadex").json().getJsonObject("extension")
                .getJsonObject("manifest");
        assertEquals("multi", manifest.getString("language"), "two languages are configured");
        assertEquals("Manga of mangadex.org, through its public API, in fr, en", manifest.getString("description"));
        JsonObject entry = http.get("/api/catalog").json().getJsonArray("entries").getValuesAs(JsonObject.class)
                .stream().filter(e -> e.getString("id").equals("mangadex")).findFirst().orElseThrow();
        assertEquals("multi", entry.getString("language"));
        assertEquals(manifest.getString("description"), entry.getString("description"));
    }

    @Test
    void chaptersCarryTheirLanguageVolumeGroupsTimeAndPagesFromOneFeedRequest() {
        String manga = id("fields-chapters");
        SERVER.mangaDex().addManga(manga, "Chapter Fields");
        SERVER.mangaDex().addChapter(manga, id("fields-1"), "1", "en", 3, null);
        SERVER.mangaDex().addChapter(manga, id("fields-2"), "2", "fr", 2, null);
        SERVER.mangaDex().addGroup(id("group-b"), "Nebula Scans");
        SERVER.mangaDex().setChapterGroups(id("fields-2"), List.of(FIXTURE_GROUP, id("group-b")));
        SERVER.mangaDex().setChapterAttribute(id("fields-2"), "volume", Json.createValue("Extra"));
        SERVER.mangaDex().setChapterAttribute(id("fields-2"), "publishAt", Json.createValue("2024-05-02T14:30:00+02:00"));
        SERVER.mangaDex().addChapter(manga, id("fields-3"), "3", "en", 0, "https://elsewhere.example/3");
        SERVER.mangaDex().setChapterGroups(id("fields-3"), List.of());
        SERVER.mangaDex().setChapterAttribute(id("fields-3"), "volume", JsonValue.NULL);
        SERVER.mangaDex().setChapterAttribute(id("fields-3"), "publishAt", Json.createValue("not a time"));
        int feedRequests = SERVER.mangaDex().requests("/manga/" + manga + "/feed").size();

        RestClient.Response answer = http.get("/api/extensions/mangadex/manga/" + manga + "/chapters");
        assertEquals(200, answer.status(), answer::body);
        JsonArray chapters = answer.json().getJsonArray("chapters");
        assertEquals(feedRequests + 1, SERVER.mangaDex().requests("/manga/" + manga + "/feed").size(),
                "the groups' names come in the feed request itself");
        FakeMangaDex.Request feed = SERVER.mangaDex().requests("/manga/" + manga + "/feed").getLast();
        assertEquals(List.of("scanlation_group"), feed.all("includes[]"));

        JsonObject first = chapters.getJsonObject(0);
        assertEquals("en", first.getString("translatedLanguage"), "the name the renderer's chapter list reads");
        assertEquals("en", first.getString("language"));
        assertEquals(1, first.getInt("volume"), "a number, as the volume is one");
        assertEquals("Star Crew Scans", first.getString("scanlator"));
        assertEquals("2019-03-02T08:00:00.000Z", first.getString("updatedAt"), "publishAt, in the API's format");
        assertEquals(3, first.getInt("pages"));

        JsonObject second = chapters.getJsonObject(1);
        assertEquals("fr", second.getString("translatedLanguage"));
        assertEquals("Extra", second.getString("volume"), "the source's text where it is no number");
        assertEquals("Star Crew Scans, Nebula Scans", second.getString("scanlator"));
        assertEquals("2024-05-02T12:30:00.000Z", second.getString("updatedAt"));

        JsonObject third = chapters.getJsonObject(2);
        assertEquals(Set.of("id", "chapterNumber", "title", "language", "translatedLanguage", "pages"),
                third.keySet(), "no volume, group or time is made up: " + third);
        assertEquals(0, third.getInt("pages"));

        JsonObject details = http.get("/api/extensions/mangadex/manga/" + manga).json();
        assertEquals(chapters, details.getJsonArray("chapters"));
        assertEquals(chapters, details.getJsonObject("manga").getJsonArray("chapters"));
    }

    @Test
    void searchResultsCarryTheLanguageTheyAreReadInTheirStatusAndDescription() {
        SERVER.mangaDex().addManga(id("found-both"), "Comet Found");
        SERVER.mangaDex().addManga(id("found-en"), "Comet English");
        SERVER.mangaDex().setMangaAttribute(id("found-en"), "availableTranslatedLanguages",
                Json.createArrayBuilder().add("en").add("ja").build());
        SERVER.mangaDex().setMangaAttribute(id("found-en"), "status", Json.createValue("hiatus"));
        SERVER.mangaDex().addManga(id("found-bare"), "Comet Bare");
        SERVER.mangaDex().setMangaAttribute(id("found-bare"), "status", JsonValue.NULL);
        SERVER.mangaDex().setMangaAttribute(id("found-bare"), "description", JsonValue.EMPTY_JSON_OBJECT);
        SERVER.mangaDex().setMangaAttribute(id("found-bare"), "availableTranslatedLanguages", JsonValue.EMPTY_JSON_ARRAY);

        RestClient.Response answer = http.get("/api/extensions/mangadex/search?query=comet");
        assertEquals(200, answer.status(), answer::body);
        JsonArray results = answer.json().getJsonArray("results");
        assertEquals(3, answer.json().getInt("totalResults"), "MangaDex's total");
        JsonObject both = results.getJsonObject(0);
        assertEquals("fr", both.getString("lang"), "the first configured language it has chapters in");
        assertEquals("fr", both.getString("language"), "under the original's name too");
        assertEquals("ongoing", both.getString("status"));
        assertEquals("Un équipage de marginaux navigue entre les étoiles.", both.getString("description"));
        JsonObject english = results.getJsonObject(1);
        assertEquals("en", english.getString("lang"), "not its original language, ja");
        assertEquals("en", english.getString("language"));
        assertEquals("hiatus", english.getString("status"));
        JsonObject bare = results.getJsonObject(2);
        assertEquals(Set.of("id", "title", "coverUrl"), bare.keySet(), "nothing made up: " + bare);
    }

    @Test
    void detailsNameTheWritersApartFromTheArtistsAndTheOtherTitles() {
        JsonObject fixture = FakeMangaDex.fixture("manga").getJsonObject("data").getJsonObject("attributes");
        SERVER.mangaDex().addManga(id("people"), fixture.getJsonObject("title"), fixture.getJsonArray("altTitles"), null);

        RestClient.Response answer = http.get("/api/extensions/mangadex/manga/" + id("people"));
        assertEquals(200, answer.status(), answer::body);
        JsonObject manga = answer.json().getJsonObject("manga");
        assertEquals("Les Pirates des étoiles", manga.getString("title"));
        assertEquals(List.of("Aoki Ren"), strings(manga.getJsonArray("authors")));
        assertEquals(List.of("Mori Sachi"), strings(manga.getJsonArray("artists")));
        assertEquals(List.of("Hoshi no Kaizoku", "星の海賊", "Pirates of the Stars"),
                strings(manga.getJsonArray("alternateTitles")));
        assertEquals("fr", manga.getString("language"), "the language it is read in here");
        assertEquals("ongoing", manga.getString("status"));
        assertEquals(List.of("Action", "Adventure"), strings(manga.getJsonArray("tags")));
        assertFalse(manga.containsKey("coverUrl"), "a manga without cover art has none");
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
