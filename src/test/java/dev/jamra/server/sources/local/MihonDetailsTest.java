package dev.jamra.server.sources.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Mihon's details.json, as its guide writes it, and every way one can be wrong. */
class MihonDetailsTest {
    private final List<String> problems = new ArrayList<>();

    @Test
    void readsTheExampleOfMihonsGuide() {
        MihonDetails details = parse("""
                {
                  "title": "Example Title",
                  "author": "Example Author",
                  "artist": "Example Artist",
                  "description": "Example Description",
                  "genre": ["genre 1", "genre 2", "etc"],
                  "status": "0",
                  "_status values": ["0 = Unknown", "1 = Ongoing", "2 = Completed", "3 = Licensed",
                                     "4 = Publishing finished", "5 = Cancelled", "6 = On hiatus"]
                }
                """).orElseThrow();
        assertEquals(List.of(), problems);
        assertEquals("Example Title", details.title());
        assertEquals(List.of("Example Author"), details.authors());
        assertEquals(List.of("Example Artist"), details.artists());
        assertEquals("Example Description", details.description());
        assertEquals(List.of("genre 1", "genre 2", "etc"), details.genres());
        assertNull(details.status(), "0 is unknown: no status");
    }

    @Test
    void everyStatusCodeAsANumberOrAsText() {
        List<String> expected = java.util.Arrays.asList(null, "ongoing", "completed", null, "completed", "cancelled",
                "hiatus");
        for (int code = 0; code <= 6; code++) {
            assertEquals(expected.get(code), parse("{\"status\": " + code + "}").orElseThrow().status(), "" + code);
            assertEquals(expected.get(code), parse("{\"status\": \" " + code + "\"}").orElseThrow().status());
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void statusesOutsideMihonsCodesAreWarnedAbout() {
        for (String status : List.of("7", "-1", "1.5", "\"ongoing\"", "true", "[1]", "\"\"")) {
            problems.clear();
            assertNull(parse("{\"title\": \"Kept\", \"status\": " + status + "}").orElseThrow().status(), status);
            assertEquals(List.of("has a \"status\" that is not one of Mihon's codes 0 to 6"), problems, status);
        }
    }

    @Test
    void severalAuthorsAreCommaSeparatedAndBlankOrNullValuesAbsent() {
        MihonDetails details = parse("""
                {"title": "  ", "author": "Ann, Bo ,", "artist": null, "description": null, "genre": null,
                 "status": null}""").orElseThrow();
        assertEquals(List.of(), problems);
        assertNull(details.title());
        assertEquals(List.of("Ann", "Bo"), details.authors());
        assertEquals(List.of(), details.artists());
        assertNull(details.description());
        assertEquals(List.of(), details.genres());
        assertNull(details.status());
        assertEquals(new MihonDetails(null, List.of(), List.of(), null, List.of(), null),
                parse("{}").orElseThrow());
    }

    @Test
    void genresMayBeOneCommaSeparatedText() {
        assertEquals(List.of("Action", "Drama"), parse("{\"genre\": \"Action, Drama, Action\"}").orElseThrow().genres());
        assertEquals(List.of("a", "b"), parse("{\"genre\": [\"a, b\", \"b\", \" \"]}").orElseThrow().genres());
        assertEquals(List.of(), problems);
    }

    @Test
    void valuesOfTheWrongTypeAreDroppedAndTheOthersKept() {
        MihonDetails details = parse("""
                {"title": 12, "author": ["a"], "artist": {}, "description": true, "genre": 3, "status": 1}
                """).orElseThrow();
        assertEquals("ongoing", details.status());
        assertNull(details.title());
        assertEquals(List.of(), details.authors());
        assertEquals(List.of(
                "has a \"title\" that is not text",
                "has a \"author\" that is not text",
                "has a \"artist\" that is not text",
                "has a \"description\" that is not text",
                "has a \"genre\" that is not a list of text"), problems);
        problems.clear();
        assertEquals(List.of(), parse("{\"genre\": [\"a\", 1]}").orElseThrow().genres());
        assertEquals(List.of("has a \"genre\" list holding something that is not text"), problems);
    }

    @Test
    void aFileThatIsNotAJsonObjectIsRefused() {
        assertEquals(Optional.empty(), parse("{\"title\": \"x\",\n \"author\" \"y\"}"));
        assertEquals(List.of("is not valid JSON (line 2, column 13)"), problems);
        problems.clear();
        assertEquals(Optional.empty(), parse("[\"title\"]"));
        assertEquals(List.of("is not a JSON object"), problems);
        problems.clear();
        assertEquals(Optional.empty(), parse(""));
        assertEquals(List.of("is not valid JSON (line 1, column 0)"), problems);
        problems.clear();
        assertEquals(Optional.empty(), parse("[".repeat(5000) + "]".repeat(5000)));
        assertEquals(1, problems.size(), "nesting past the parser's depth: " + problems);
        assertThat(problems.get(0), startsWith("is not valid JSON"));
        problems.clear();
        assertEquals(Optional.empty(), parse("{\"title\": \"a\", \"title\": \"b\"}"));
        assertEquals(1, problems.size(), "a repeated key is refused: " + problems);
        problems.clear();
        assertEquals(Optional.empty(), parse("{} trailing"));
        assertEquals(1, problems.size());
    }

    @Test
    void theFileMustBeUtf8AndMayStartWithAByteOrderMark() {
        assertEquals("Café", parse("\uFEFF{\"title\": \"Café\"}").orElseThrow().title());
        byte[] latin = "{\"title\": \"Café\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Optional.empty(), MihonDetails.parse(latin, problems::add));
        assertEquals(List.of("is not UTF-8 text"), problems);
    }

    private Optional<MihonDetails> parse(String json) {
        return MihonDetails.parse(json.getBytes(StandardCharsets.UTF_8), problems::add);
    }
}
