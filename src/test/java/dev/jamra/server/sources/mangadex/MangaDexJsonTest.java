package dev.jamra.server.sources.mangadex;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.SourceException;
import dev.jamra.server.testing.FakeMangaDex;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the API's answers, on the recorded-shape fixtures and variations of them. */
class MangaDexJsonTest {
    private static final JsonObject MANGA = FakeMangaDex.fixture("manga").getJsonObject("data");
    private static final JsonObject CHAPTER = FakeMangaDex.fixture("chapter").getJsonObject("data");
    private static final URI UPLOADS = URI.create("https://uploads.example");

    private static JsonObject titled(JsonObject title, JsonObject... alternatives) {
        var alts = Json.createArrayBuilder();
        for (JsonObject alt : alternatives) {
            alts.add(alt);
        }
        return Json.createObjectBuilder(MANGA.getJsonObject("attributes")).add("title", title).add("altTitles", alts)
                .build();
    }

    private static JsonObject map(String language, String text) {
        return Json.createObjectBuilder().add(language, text).build();
    }

    @Test
    void titleFollowsThePreferredLanguagesThenEnglishThenTheOriginal() {
        JsonObject attributes = MANGA.getJsonObject("attributes");
        assertEquals("Les Pirates des étoiles", MangaDexJson.title(attributes, List.of("fr", "en")));
        assertEquals("Pirates of the Stars", MangaDexJson.title(attributes, List.of("en", "fr")));
        assertEquals("Pirates of the Stars", MangaDexJson.title(attributes, List.of("de")), "English next");
        assertEquals("Hoshi no Kaizoku", MangaDexJson.title(titled(map("ja-ro", "Hoshi no Kaizoku"),
                map("ja", "星の海賊")), List.of("de")), "then the original language romanized");
        assertEquals("星の海賊", MangaDexJson.title(titled(map("ko", "별"), map("ja", "星の海賊")), List.of("de")),
                "then the original language");
        assertEquals("별", MangaDexJson.title(titled(map("ko", "별")), List.of("de")), "then any title");
        assertEquals("Alt", MangaDexJson.title(titled(JsonValue.EMPTY_JSON_OBJECT, map("ko", "Alt")), List.of("de")));
        assertEquals("Main", MangaDexJson.title(titled(map("de", "Main"), map("de", "Alt")), List.of("de")),
                "the main title before an alternative in the same language");
        assertEquals("Untitled", MangaDexJson.title(titled(map("de", " ")), List.of("de")));
    }

    @Test
    void coverAuthorsTagsAndDescription() {
        assertEquals("https://uploads.example/covers/" + MANGA.getString("id")
                     + "/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a.jpg.256.jpg",
                MangaDexJson.coverUrl(MANGA, UPLOADS).orElseThrow());
        JsonObject noCover = Json.createObjectBuilder(MANGA).add("relationships", JsonValue.EMPTY_JSON_ARRAY).build();
        assertTrue(MangaDexJson.coverUrl(noCover, UPLOADS).isEmpty());
        assertEquals(List.of("Aoki Ren"), MangaDexJson.people(MANGA, "author"));
        assertEquals(List.of("Mori Sachi"), MangaDexJson.people(MANGA, "artist"));
        assertEquals(List.of("Action", "Adventure"), MangaDexJson.tags(MANGA.getJsonObject("attributes"), List.of("fr")));
        JsonObject description = MANGA.getJsonObject("attributes").getJsonObject("description");
        assertEquals("Un équipage de marginaux navigue entre les étoiles.",
                MangaDexJson.localized(description, List.of("fr")));
        assertEquals("A crew of misfits sails between the stars.", MangaDexJson.localized(description, List.of("de")));
        assertNull(MangaDexJson.localized(JsonValue.EMPTY_JSON_OBJECT, List.of("en")));
        assertNull(MangaDexJson.localized(null, List.of("en")));
    }

    @Test
    void oddShapesReadAsAbsentOrAreSkipped() {
        assertNull(MangaDexJson.string(null, "id"));
        JsonObject sneakyCover = Json.createObjectBuilder(MANGA).add("relationships", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "cover_art")
                        .add("attributes", Json.createObjectBuilder().add("fileName", "../other/x.jpg")))).build();
        assertTrue(MangaDexJson.coverUrl(sneakyCover, UPLOADS).isEmpty(), "a file name is no path");
        assertEquals("별", MangaDexJson.localized(map("ko", "별"), List.of("de")), "any language rather than none");
        JsonObject junk = Json.createObjectBuilder(MANGA.getJsonObject("attributes"))
                .add("title", JsonValue.EMPTY_JSON_OBJECT)
                .add("altTitles", Json.createArrayBuilder().add("not a map").add(map("de", "Titel"))).build();
        assertEquals("Titel", MangaDexJson.title(junk, List.of("de")));
        assertEquals(List.of("Titel"), MangaDexJson.alternateTitles(junk, "Other"));
    }

    @Test
    void peopleAreNamedOnceAndOnlyWhenExpanded() {
        JsonObject person = Json.createObjectBuilder().add("type", "artist")
                .add("attributes", Json.createObjectBuilder().add("name", " Mori Sachi ")).build();
        JsonObject manga = Json.createObjectBuilder(MANGA).add("relationships", Json.createArrayBuilder()
                .add(person).add(person)
                .add(Json.createObjectBuilder().add("type", "artist").add("id", "not-expanded"))
                .add(Json.createObjectBuilder().add("type", "artist").add("attributes",
                        Json.createObjectBuilder().add("name", " ")))
                .add(Json.createObjectBuilder().add("type", "author").add("attributes",
                        Json.createObjectBuilder().add("name", "Aoki Ren")))).build();
        assertEquals(List.of("Mori Sachi"), MangaDexJson.people(manga, "artist"));
        assertEquals(List.of("Aoki Ren"), MangaDexJson.people(manga, "author"));
        assertEquals(List.of(), MangaDexJson.people(Json.createObjectBuilder().build(), "author"));
    }

    @Test
    void alternateTitlesAreEveryOtherTitleOnce() {
        JsonObject attributes = MANGA.getJsonObject("attributes");
        assertEquals(List.of("Hoshi no Kaizoku", "星の海賊", "Les Pirates des étoiles"),
                MangaDexJson.alternateTitles(attributes, "Pirates of the Stars"));
        JsonObject repeated = titled(Json.createObjectBuilder().add("en", "Main").add("ja", " 本 ").build(),
                map("ja", "本"), map("fr", "Main"), map("de", " "), map("es", "Otro"));
        assertEquals(List.of("本", "Otro"), MangaDexJson.alternateTitles(repeated, "Main "));
        assertEquals(List.of(), MangaDexJson.alternateTitles(JsonValue.EMPTY_JSON_OBJECT, "Untitled"));
    }

    @Test
    void aMangaIsReadInTheFirstConfiguredLanguageItHasChaptersIn() {
        JsonObject attributes = MANGA.getJsonObject("attributes");  // available in en and fr
        assertEquals("fr", MangaDexJson.readableIn(attributes, List.of("de", "fr", "en")));
        assertEquals("en", MangaDexJson.readableIn(attributes, List.of("en", "fr")));
        assertNull(MangaDexJson.readableIn(attributes, List.of("de")));
        assertNull(MangaDexJson.readableIn(JsonValue.EMPTY_JSON_OBJECT, List.of("en")));
    }

    @Test
    void aChapterCarriesItsVolumeGroupsTimeAndPages() {
        MangaDexJson.FeedChapter plain = MangaDexJson.feedChapter(CHAPTER);
        assertEquals("1", plain.chapter().volume());
        assertNull(plain.chapter().scanlator(), "the group was not expanded");
        assertEquals(Instant.parse("2019-03-02T08:00:00Z"), plain.chapter().updatedAt(), "publishAt");
        assertEquals(3, plain.chapter().pages());
        assertEquals("en", plain.chapter().language());

        JsonObject group = Json.createObjectBuilder().add("id", "g1").add("type", "scanlation_group")
                .add("attributes", Json.createObjectBuilder().add("name", "Star Crew")).build();
        JsonObject other = Json.createObjectBuilder().add("id", "g2").add("type", "scanlation_group")
                .add("attributes", Json.createObjectBuilder().add("name", "Nebula Scans")).build();
        JsonObject uploader = Json.createObjectBuilder().add("id", "u1").add("type", "user")
                .add("attributes", Json.createObjectBuilder().add("username", "someone")).build();
        JsonObject attributes = Json.createObjectBuilder(CHAPTER.getJsonObject("attributes"))
                .add("volume", " 2.5 ").add("publishAt", "2024-05-02T14:30:00+02:00").add("pages", 0).build();
        Chapter joint = MangaDexJson.feedChapter(Json.createObjectBuilder(CHAPTER).add("attributes", attributes)
                .add("relationships", Json.createArrayBuilder().add(group).add(uploader).add(other)).build())
                .chapter();
        assertEquals("Star Crew, Nebula Scans", joint.scanlator(), "every group, not the uploader");
        assertEquals("2.5", joint.volume());
        assertEquals(Instant.parse("2024-05-02T12:30:00Z"), joint.updatedAt());
        assertEquals(0, joint.pages());

        JsonObject unknown = Json.createObjectBuilder(CHAPTER.getJsonObject("attributes"))
                .add("volume", " ").add("title", " ").addNull("chapter").add("publishAt", "last Tuesday")
                .add("pages", "many").build();
        Chapter bare = MangaDexJson.feedChapter(Json.createObjectBuilder(CHAPTER).add("attributes", unknown).build())
                .chapter();
        assertNull(bare.volume());
        assertNull(bare.title());
        assertEquals(MangaDexJson.ONESHOT_NUMBER, bare.number());
        assertNull(bare.updatedAt());
        assertNull(bare.pages());
        JsonObject none = Json.createObjectBuilder(CHAPTER.getJsonObject("attributes")).remove("volume")
                .remove("publishAt").remove("pages").build();
        Chapter missing = MangaDexJson.feedChapter(Json.createObjectBuilder(CHAPTER).add("attributes", none).build())
                .chapter();
        assertNull(missing.volume());
        assertNull(missing.updatedAt());
        assertNull(missing.pages());
    }

    @Test
    void chaptersSortByNumberWithOneshotsFirst() {
        List<MangaDexJson.FeedChapter> chapters = new ArrayList<>();
        for (String number : new String[] {"10", "2", "Extra", "2.5", null}) {
            JsonObject attributes = Json.createObjectBuilder(CHAPTER.getJsonObject("attributes"))
                    .add("chapter", number == null ? JsonValue.NULL : Json.createValue(number)).build();
            chapters.add(MangaDexJson.feedChapter(Json.createObjectBuilder(CHAPTER).add("attributes", attributes)
                    .add("id", "c-" + number).build()));
        }
        chapters.sort(MangaDexJson.BY_NUMBER);
        assertEquals(List.of("0", "2", "2.5", "10", "Extra"),
                chapters.stream().map(c -> c.chapter().number()).toList());
        MangaDexJson.FeedChapter first = MangaDexJson.feedChapter(CHAPTER);
        assertEquals("Setting Sail", first.chapter().title());
        assertEquals("en", first.language());
        assertNull(first.unreadable());
    }

    @Test
    void externalEmptyAndUnavailableChaptersCannotBeRead() {
        JsonObject attributes = CHAPTER.getJsonObject("attributes");
        String external = MangaDexJson.unreadable(Json.createObjectBuilder(attributes)
                .add("externalUrl", "https://elsewhere.example/1").add("pages", 0).build(), "4");
        assertEquals("Chapter 4 is published on another site (https://elsewhere.example/1); it cannot be read or "
                     + "downloaded here", external);
        assertTrue(MangaDexJson.unreadable(Json.createObjectBuilder(attributes).add("pages", 0).build(), "4")
                .contains("no pages"));
        assertTrue(MangaDexJson.unreadable(Json.createObjectBuilder(attributes).add("isUnavailable", true).build(), "4")
                .contains("no pages"));
    }

    @Test
    void atHomePagesAreBaseQualityHashAndFile() {
        JsonObject answer = FakeMangaDex.fixture("at-home");
        MangaDexJson.AtHome server = MangaDexJson.atHome(answer, false);
        String base = answer.getString("baseUrl") + "/data/3303dd03ac8d27452cce3f2a882e94b2/";
        assertEquals(base + "1-f7a76de10d346de7ba01786762ebbedc666b412ad0d4b73baa330a2a392dbcdd.png",
                server.urls(false).get(0));
        MangaDexJson.AtHome saver = MangaDexJson.atHome(answer, true);
        assertTrue(saver.urls(true).get(1).startsWith(answer.getString("baseUrl") + "/data-saver/3303dd03"));
        assertTrue(saver.urls(true).get(1).endsWith(".jpg"));
        JsonObject sneaky = Json.createObjectBuilder(answer).add("chapter", Json.createObjectBuilder()
                .add("hash", "h").add("data", Json.createArrayBuilder().add("../../x.png"))).build();
        assertThrows(SourceException.class, () -> MangaDexJson.atHome(sneaky, false));
        assertThrows(SourceException.class, () -> MangaDexJson.atHome(JsonValue.EMPTY_JSON_OBJECT, false));
    }

    @Test
    void envelopesAndSearchResults() {
        JsonObject collection = Json.createObjectBuilder().add("result", "ok")
                .add("data", Json.createArrayBuilder().add(MANGA).add("not an entity")).build();
        assertEquals(List.of(MANGA), MangaDexJson.data(collection));
        assertThrows(SourceException.class, () -> MangaDexJson.data(JsonValue.EMPTY_JSON_OBJECT));
        assertThrows(SourceException.class, () -> MangaDexJson.data(Json.createObjectBuilder().add("data", "x").build()));
        assertEquals(MANGA, MangaDexJson.entity(FakeMangaDex.fixture("manga")));
        assertThrows(SourceException.class, () -> MangaDexJson.entity(FakeMangaDex.fixture("error-404")));
        assertThrows(SourceException.class, () -> MangaDexJson.entity(Json.createObjectBuilder()
                .add("data", Json.createObjectBuilder().add("type", "manga")).build()));
        assertEquals(MANGA.getString("id"), MangaDexJson.mangaOf(CHAPTER).orElseThrow());
        assertTrue(MangaDexJson.mangaOf(MANGA).isEmpty());

        var found = MangaDexJson.searchResult(MANGA, List.of("en"), UPLOADS);
        assertEquals(MANGA.getString("id"), found.id());
        assertEquals("Pirates of the Stars", found.title());
        assertEquals("ongoing", found.status());
        assertEquals("en", found.lang(), "the language it is read in here, not its original one");
        assertEquals("A crew of misfits sails between the stars.", found.description());
        assertTrue(found.coverUrl().startsWith("https://uploads.example/covers/"));
        var bare = MangaDexJson.searchResult(Json.createObjectBuilder(MANGA).add("attributes",
                Json.createObjectBuilder().add("title", map("en", "Bare"))).build(), List.of("en"), UPLOADS);
        assertNull(bare.status());
        assertNull(bare.lang());
        assertNull(bare.description());
    }
}
