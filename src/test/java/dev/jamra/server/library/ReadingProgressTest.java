package dev.jamra.server.library;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.jamra.server.testing.TestServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.jamra.server.library.LibraryApi.ISO_MILLIS;
import static dev.jamra.server.library.LibraryApi.assertError;
import static dev.jamra.server.library.LibraryApi.assertFieldError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading progress over HTTP: saving, the completed rule, reading it back, and refusing bad reports. */
class ReadingProgressTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.direct();

    private static final Set<String> PROGRESS_FIELDS = Set.of("id", "libraryId", "chapterId", "chapterNumber",
            "pageNumber", "totalPages", "lastRead", "completed");

    private final LibraryApi api = new LibraryApi(SERVER.http());

    private String newItem() {
        return api.add("Blame!", "reading").getString("id");
    }

    private static JsonObjectBuilder report(String chapterId, int pageNumber) {
        return Json.createObjectBuilder().add("chapterId", chapterId).add("pageNumber", pageNumber);
    }

    private List<String> chapterIds(String libraryId) {
        var response = api.rest.get("/api/library/" + libraryId + "/progress");
        assertEquals(200, response.status(), response::toString);
        return response.array().stream().map(JsonValue::asJsonObject).map(row -> row.getString("chapterId")).toList();
    }

    @Test
    void aNewItemHasNoProgress() {
        String id = newItem();
        assertEquals(List.of(), chapterIds(id));
        var lastRead = api.rest.get("/api/library/" + id + "/last-read");
        assertEquals(200, lastRead.status(), lastRead::toString);
        assertEquals(JsonValue.NULL, lastRead.value(), "nothing read yet is null, not an error");
        assertError(404, api.rest.get("/api/library/" + id + "/chapters/c1/progress"));
    }

    @Test
    void savingAnswersTheStoredRow() {
        String id = newItem();
        JsonObject row = api.saveProgress(id, report("c1", 5).add("chapterNumber", "1.5").add("totalPages", 20)
                .build());

        assertEquals(PROGRESS_FIELDS, row.keySet());
        assertFalse(row.getString("id").isBlank());
        assertEquals(id, row.getString("libraryId"));
        assertEquals("c1", row.getString("chapterId"));
        assertEquals("1.5", row.getString("chapterNumber"));
        assertEquals(5, row.getInt("pageNumber"));
        assertEquals(20, row.getInt("totalPages"));
        assertThat(row.getString("lastRead"), matchesPattern(ISO_MILLIS));
        assertFalse(row.getBoolean("completed"));

        assertEquals(row, api.rest.get("/api/library/" + id + "/chapters/c1/progress").json());
        assertEquals(List.of(row), api.rest.get("/api/library/" + id + "/progress").array());
        assertEquals(row, api.rest.get("/api/library/" + id + "/last-read").json());
    }

    @Test
    void aNumericChapterNumberIsKeptAsItsText() {
        String id = newItem();
        JsonObject row = api.saveProgress(id, report("c1", 5).add("chapterNumber", 12.5).build());
        assertEquals("12.5", row.getString("chapterNumber"));
    }

    @Test
    void optionalFieldsLeftOutAreOmitted() {
        JsonObject row = api.saveProgress(newItem(), report("c1", 0).build());
        assertEquals(Set.of("id", "libraryId", "chapterId", "pageNumber", "lastRead", "completed"), row.keySet());
        assertEquals(0, row.getInt("pageNumber"));
        assertFalse(row.getBoolean("completed"), "without totalPages nothing is complete");
    }

    @Test
    void aChapterIsCompletedOnItsLastPageAndKeepsOneRow() {
        String id = newItem();
        JsonObject first = api.saveProgress(id, report("c1", 19).add("totalPages", 20).build());
        JsonObject last = api.saveProgress(id, report("c1", 20).add("totalPages", 20).build());
        assertTrue(last.getBoolean("completed"));
        assertEquals(first.getString("id"), last.getString("id"), "the chapter's row is replaced, not added");

        JsonObject back = api.saveProgress(id, report("c1", 3).add("totalPages", 20).build());
        assertFalse(back.getBoolean("completed"), "going back to an earlier page");
        assertEquals(List.of("c1"), chapterIds(id));
    }

    @Test
    void theMostRecentlyReadComesFirst() {
        String id = newItem();
        for (String chapter : List.of("c1", "c2", "c3", "c1")) {
            api.saveProgress(id, report(chapter, 1).build());
        }
        // saved within the same millisecond or not, the latest write wins
        assertEquals(List.of("c1", "c3", "c2"), chapterIds(id));
        assertEquals("c1", api.rest.get("/api/library/" + id + "/last-read").json().getString("chapterId"));
        assertEquals("c2", api.rest.get("/api/library/" + id + "/chapters/c2/progress").json().getString("chapterId"));
    }

    @Test
    void progressOfOneItemStaysWithIt() {
        String first = newItem();
        String second = newItem();
        api.saveProgress(first, report("shared", 4).build());
        api.saveProgress(second, report("shared", 9).build());
        assertEquals(4, api.rest.get("/api/library/" + first + "/chapters/shared/progress").json()
                .getInt("pageNumber"));
        assertEquals(9, api.rest.get("/api/library/" + second + "/last-read").json().getInt("pageNumber"));
    }

    static Stream<Arguments> badReports() {
        return Stream.of(
                Arguments.of("chapterId", "{\"pageNumber\":1}"),
                Arguments.of("chapterId", "{\"chapterId\":\"\",\"pageNumber\":1}"),
                Arguments.of("chapterId", "{\"chapterId\":12,\"pageNumber\":1}"),
                Arguments.of("chapterNumber", "{\"chapterId\":\"c\",\"chapterNumber\":true,\"pageNumber\":1}"),
                Arguments.of("pageNumber", "{\"chapterId\":\"c\"}"),
                Arguments.of("pageNumber", "{\"chapterId\":\"c\",\"pageNumber\":-1}"),
                Arguments.of("pageNumber", "{\"chapterId\":\"c\",\"pageNumber\":\"3\"}"),
                Arguments.of("pageNumber", "{\"chapterId\":\"c\",\"pageNumber\":2.5}"),
                Arguments.of("pageNumber", "{\"chapterId\":\"c\",\"pageNumber\":4294967296}"),
                Arguments.of("pageNumber", "{\"chapterId\":\"c\",\"pageNumber\":21,\"totalPages\":20}"),
                Arguments.of("totalPages", "{\"chapterId\":\"c\",\"pageNumber\":0,\"totalPages\":0}"),
                Arguments.of("totalPages", "{\"chapterId\":\"c\",\"pageNumber\":1,\"totalPages\":-5}"),
                Arguments.of("totalPages", "{\"chapterId\":\"c\",\"pageNumber\":1,\"totalPages\":\"20\"}"));
    }

    @ParameterizedTest
    @MethodSource("badReports")
    void savingRefusesBadReportsAndStoresNothing(String field, String body) {
        String id = newItem();
        api.saveProgress(id, report("c", 2).add("totalPages", 30).build());
        assertFieldError(field, api.rest.put("/api/library/" + id + "/progress", body));
        JsonObject kept = api.rest.get("/api/library/" + id + "/chapters/c/progress").json();
        assertEquals(2, kept.getInt("pageNumber"));
        assertEquals(List.of("c"), chapterIds(id));
    }

    @Test
    void savingRefusesBrokenBodies() {
        String path = "/api/library/" + newItem() + "/progress";
        assertThat(assertError(400, api.rest.put(path, "{\"chapterId\":")).message(),
                containsString("Malformed JSON"));
        assertError(400, api.rest.put(path, "[]"));
        assertError(400, api.rest.put(path, ""));
    }

    @Test
    void anUnknownItemIs404Everywhere() {
        String path = "/api/library/no-such-id";
        assertError(404, api.rest.put(path + "/progress", report("c1", 1).build()));
        assertError(404, api.rest.get(path + "/progress"));
        assertThat(assertError(404, api.rest.get(path + "/last-read")).message(), containsString("no-such-id"));
        assertThat(assertError(404, api.rest.get(path + "/chapters/c1/progress")).message(),
                containsString("no-such-id"));
    }
}
