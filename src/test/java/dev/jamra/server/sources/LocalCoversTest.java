package dev.jamra.server.sources;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import dev.jamra.server.testing.Cbz;
import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.LogLines;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestServer;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Covers and metadata of the local library over a real socket: absolute cover URLs in search results and details,
 * a cover route with validators and 304s that never serves a file outside the library, and the metadata fields and
 * warnings of the details answer.
 */
class LocalCoversTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.create()
            .preparedBy(LocalCoversTest::prepare);

    private static final byte[] COVER = Images.of("png", 40, 60);
    private static final byte[] PAGE = Images.of("jpg", 40, 60);
    private static final byte[] SECRET = Images.of("gif", 5, 5);
    private static final Instant COVER_TIME = Instant.parse("2024-05-06T07:08:09.750Z");
    private static final String COVERED = "~Covered_Manga";
    /** Larger than any buffer the server would send at once: its length must be declared or chunked. */
    private static final byte[] BIG = bigImage();

    private final RestClient http = SERVER.http();

    private static void prepare() throws IOException {
        Path library = SERVER.dataDir().resolve("local");
        Path outside = Files.createDirectories(SERVER.dataDir().resolve("outside"));
        Path secret = Files.write(outside.resolve("secret.gif"), SECRET);

        Path covered = Files.createDirectories(library.resolve("Covered Manga"));
        Files.setLastModifiedTime(Files.write(covered.resolve("cover.png"), COVER), FileTime.from(COVER_TIME));
        Files.writeString(covered.resolve("details.json"), """
                {"title": "The Covered Manga", "author": "Ann", "artist": "Bo", "description": "Told in full.",
                 "genre": ["Drama"], "status": 2}""");
        Path first = Files.createDirectories(covered.resolve("Chapter 1"));
        Files.write(first.resolve("1.jpg"), PAGE);
        Files.writeString(first.resolve("ComicInfo.xml"), """
                <ComicInfo><Number>1</Number><Volume>1</Volume><Title>Opening</Title><LanguageISO>en</LanguageISO>
                <Translator>Team</Translator><Year>2022</Year><Month>12</Month><Day>24</Day>
                <Manga>YesAndRightToLeft</Manga></ComicInfo>""");
        Cbz.write(covered.resolve("Chapter 2.cbz"), Map.of("ComicInfo.xml", "<ComicInfo><Number>2".getBytes(),
                "1.jpg", PAGE));

        Path firstPage = Files.createDirectories(library.resolve("first-page"));
        Cbz.write(firstPage.resolve("01.cbz"), Map.of("b.jpg", COVER, "a.jpg", PAGE));

        Files.createDirectories(library.resolve("bare"));

        Path linked = Files.createDirectories(library.resolve("linked"));
        Files.createSymbolicLink(linked.resolve("cover.gif"), secret);
        Path linkedChapter = Files.createDirectories(linked.resolve("1"));
        Files.createSymbolicLink(linkedChapter.resolve("1.gif"), secret);
        Files.write(linkedChapter.resolve("2.jpg"), PAGE);

        Path big = Files.createDirectories(library.resolve("big"));
        Files.write(big.resolve("cover.png"), BIG);
        Path bigArchive = Files.createDirectories(library.resolve("big-archive"));
        Cbz.write(bigArchive.resolve("1.cbz"), Map.of("1.png", BIG));
        Cbz.write(Files.createDirectories(library.resolve("damaged-later")).resolve("1.cbz"), Map.of("1.png", PAGE));

        Files.createSymbolicLink(library.resolve("escape"), outside);
        Files.copy(secret, outside.resolve("cover.gif"));
    }

    @Test
    void searchResultsGiveAbsoluteCoverUrlsOfTheServer() {
        JsonArray results = http.get("/api/extensions/local/search?query=").json().getJsonArray("results");
        Map<String, JsonObject> byId = new java.util.TreeMap<>();
        results.forEach(result -> byId.put(result.asJsonObject().getString("id"), result.asJsonObject()));
        assertEquals(List.of("bare", "big", "big-archive", "damaged-later", "first-page", "linked", COVERED),
                List.copyOf(byId.keySet()),
                "the link out of the library is not listed");
        JsonObject covered = byId.get(COVERED);
        assertEquals("The Covered Manga", covered.getString("title"));
        assertEquals("completed", covered.getString("status"));
        assertEquals(SERVER.uri() + "/api/extensions/local/manga/" + COVERED + "/cover", covered.getString("coverUrl"));
        assertFalse(byId.get("bare").containsKey("coverUrl"), "nothing to show: no URL");
        for (String id : List.of(COVERED, "first-page", "linked")) {
            RestClient.Response cover = http.get(URI.create(byId.get(id).getString("coverUrl")).getPath());
            assertEquals(200, cover.status(), id);
            assertThat(cover.contentType(), matchesPattern("image/(png|jpeg)"));
        }
    }

    @Test
    void theCoverRouteSendsTheImageWithValidators() {
        RestClient.Response cover = http.get(coverPath(COVERED));
        assertEquals(200, cover.status());
        assertArrayEquals(COVER, cover.bytes());
        assertEquals("image/png", cover.contentType());
        assertEquals(String.valueOf(COVER.length), cover.header("Content-Length").orElseThrow());
        assertEquals("private, max-age=60", cover.header("Cache-Control").orElseThrow());
        assertEquals("Mon, 06 May 2024 07:08:09 GMT", cover.header("Last-Modified").orElseThrow());
        assertThat(cover.header("ETag").orElseThrow(), matchesPattern("\"[0-9a-f]{24}\""));

        assertArrayEquals(PAGE, http.get(coverPath("first-page")).bytes(), "the archive's first page, a.jpg");
    }

    @Test
    void aConditionalRequestWhoseCopyIsCurrentGets304WithoutABody() {
        RestClient.Response first = http.get(coverPath(COVERED));
        String etag = first.header("ETag").orElseThrow();
        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            RestClient.Response again = conditional("If-None-Match", ifNoneMatch);
            assertEquals(304, again.status(), ifNoneMatch);
            assertEquals(0, again.bytes().length);
            assertEquals(etag, again.header("ETag").orElseThrow());
            assertEquals("Mon, 06 May 2024 07:08:09 GMT", again.header("Last-Modified").orElseThrow());
        }
        assertEquals(200, conditional("If-None-Match", "\"other\"").status());
        assertArrayEquals(COVER, conditional("If-None-Match", "\"other\"").bytes());

        assertEquals(304, conditional("If-Modified-Since", "Mon, 06 May 2024 07:08:09 GMT").status(),
                "the same second: the fraction does not count");
        assertEquals(304, conditional("If-Modified-Since", "Tue, 07 May 2024 00:00:00 GMT").status());
        assertEquals(200, conditional("If-Modified-Since", "Mon, 06 May 2024 07:08:08 GMT").status());
        assertEquals(200, conditional("If-Modified-Since", "yesterday").status(), "an invalid date is ignored");
        assertEquals(200, http.send("GET", coverPath(COVERED), BodyPublishers.noBody(), Map.of(
                "If-None-Match", "\"other\"", "If-Modified-Since", "Tue, 07 May 2024 00:00:00 GMT")).status(),
                "If-None-Match decides when it is there");
    }

    @Test
    void aLargeCoverFileHasItsLengthAndAnArchivedOneIsChunked() {
        RestClient.Response file = http.get(coverPath("big"));
        assertArrayEquals(BIG, file.bytes());
        assertEquals(String.valueOf(BIG.length), file.header("Content-Length").orElseThrow());
        RestClient.Response archived = http.get(coverPath("big-archive"));
        assertArrayEquals(BIG, archived.bytes());
        assertEquals(Optional.empty(), archived.header("Content-Length"),
                "an archive's declared size is not trusted for Content-Length");
    }

    @Test
    void anArchiveDamagedSinceItsCoverWasFoundIsA502() throws IOException {
        Path archive = SERVER.dataDir().resolve("local/damaged-later/1.cbz");
        assertEquals(200, http.get(coverPath("damaged-later")).status());
        FileTime time = Files.getLastModifiedTime(archive);
        Files.write(archive, new byte[(int) Files.size(archive)]);
        Files.setLastModifiedTime(archive, time);
        try (LogLines log = LogLines.of(CoverSender.class.getName(), Level.WARNING)) {
            RestClient.Response damaged = http.get(coverPath("damaged-later"));
            assertEquals(502, damaged.status(), damaged::body);
            assertEquals("The cover could not be read from the source 'local'", damaged.message());
            assertEquals(List.of("WARNING A cover of source local cannot be read: "
                                 + "java.util.zip.ZipException: zip END header not found"), log.lines(),
                    "the detail goes to the log");
        }
    }

    @Test
    void headAnswersTheHeadersAlone() {
        RestClient.Response head = http.send("HEAD", coverPath(COVERED), BodyPublishers.noBody(), Map.of());
        assertEquals(200, head.status());
        assertEquals(0, head.bytes().length);
        assertEquals("image/png", head.contentType());
    }

    @Test
    void noCoverNoMangaOrNoSuchSourceIs404AndNoFileOutsideIsEverServed() {
        assertEquals(404, http.get(coverPath("bare")).status());
        assertEquals("The source 'local' serves no cover of bare", http.get(coverPath("bare")).message());
        assertEquals(404, http.get(coverPath("nothing-here")).status());
        assertEquals(404, http.get("/api/extensions/nope/manga/x/cover").status());
        for (String id : List.of("escape", "..%2Foutside", "~..~2Foutside", "%2E%2E", "~escape")) {
            RestClient.Response answer = http.get(coverPath(id));
            assertThat(id, answer.status(), anyOf(is(400), is(404)));
            assertFalse(java.util.Arrays.equals(SECRET, answer.bytes()));
        }
        RestClient.Response linked = http.get(coverPath("linked"));
        assertEquals(200, linked.status());
        assertArrayEquals(PAGE, linked.bytes(), "the linked cover and the linked first page are passed over");
    }

    @Test
    void detailsCarryTheMetadataWarningsAndChapterFields() {
        JsonObject answer = http.get("/api/extensions/local/manga/" + COVERED).json();
        JsonObject manga = answer.getJsonObject("manga");
        assertEquals("The Covered Manga", manga.getString("title"));
        assertEquals("Told in full.", manga.getString("description"));
        assertEquals(SERVER.uri() + coverPath(COVERED), manga.getString("coverUrl"));
        assertEquals(List.of("Ann"), strings(manga.getJsonArray("authors")));
        assertEquals(List.of("Bo"), strings(manga.getJsonArray("artists")));
        assertEquals(List.of("Drama"), strings(manga.getJsonArray("tags")));
        assertEquals("completed", manga.getString("status"));
        assertEquals("en", manga.getString("language"));
        assertEquals("rtl", manga.getString("readingDirection"));
        assertEquals(List.of("Chapter 2.cbz/ComicInfo.xml is not well-formed XML (line 1, column 21)"),
                strings(manga.getJsonArray("warnings")));
        for (String warning : strings(manga.getJsonArray("warnings"))) {
            assertThat(warning, not(containsString(SERVER.dataDir().toString())));
        }

        JsonObject first = answer.getJsonArray("chapters").getJsonObject(0);
        assertEquals("~Chapter_1", first.getString("id"));
        assertEquals(1, first.getInt("chapterNumber"));
        assertEquals("Opening", first.getString("title"));
        assertEquals("en", first.getString("translatedLanguage"));
        assertEquals(1, first.getInt("volume"), "a number, as volumes that are numbers are answered");
        assertEquals("Team", first.getString("scanlator"));
        assertEquals("2022-12-24T00:00:00.000Z", first.getString("updatedAt"));
        JsonObject second = answer.getJsonArray("chapters").getJsonObject(1);
        assertEquals(2, second.getInt("chapterNumber"), "from the name, the ComicInfo being broken");
        assertThat(second.getString("updatedAt"), matchesPattern("\\d{4}-.*Z"));
        assertFalse(second.containsKey("volume"));

        JsonObject bare = http.get("/api/extensions/local/manga/bare").json().getJsonObject("manga");
        assertFalse(bare.containsKey("warnings"), "no warnings: none in the answer");
        assertFalse(bare.containsKey("coverUrl"));
        assertNotEquals(manga.getString("title"), bare.getString("title"));
    }

    private static byte[] bigImage() {
        byte[] bytes = new byte[1024 * 1024];
        new java.util.Random(27).nextBytes(bytes);
        System.arraycopy(COVER, 0, bytes, 0, 8);  // a PNG signature, then noise: an image by its bytes
        return bytes;
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonValue::toString).stream()
                .map(text -> text.substring(1, text.length() - 1)).toList();
    }

    private RestClient.Response conditional(String header, String value) {
        return http.send("GET", coverPath(COVERED), BodyPublishers.noBody(), Map.of(header, value));
    }

    private static String coverPath(String mangaId) {
        return "/api/extensions/local/manga/" + mangaId + "/cover";
    }
}
