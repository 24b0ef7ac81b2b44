package dev.jamra.server.updates;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JSON of docs/API.md's Library updates section, field for field; absent optional fields are left out. */
class UpdatesJsonTest {
    private static final Instant STARTED = Instant.parse("2031-02-03T04:05:06.007Z");
    private static final Instant FINISHED = Instant.parse("2031-02-03T04:06:00.000Z");

    @Test
    void aFinishedCheckHasItsTimesAndErrors() {
        CheckStatus status = new CheckStatus(false, 3, 3, Optional.of(STARTED), Optional.of(FINISHED),
                List.of(new CheckError("lib-1", "Title", "Unknown source: gone")));
        assertEquals(Json.createObjectBuilder().add("running", false).add("checked", 3).add("total", 3)
                .add("startedAt", "2031-02-03T04:05:06.007Z").add("finishedAt", "2031-02-03T04:06:00.000Z")
                .add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder().add("libraryId", "lib-1")
                        .add("title", "Title").add("message", "Unknown source: gone"))).build(),
                UpdatesJson.status(status));
    }

    @Test
    void beforeAnyCheckTheTimesAreLeftOut() {
        assertEquals(Json.createObjectBuilder().add("running", false).add("checked", 0).add("total", 0)
                .add("errors", Json.createArrayBuilder()).build(), UpdatesJson.status(CheckStatus.NEVER));
        assertEquals(Json.createObjectBuilder().add("running", true).add("checked", 1).add("total", 2)
                .add("startedAt", "2031-02-03T04:05:06.007Z").add("errors", Json.createArrayBuilder()).build(),
                UpdatesJson.status(new CheckStatus(true, 1, 2, Optional.of(STARTED), Optional.empty(), List.of())));
    }

    @Test
    void feedEntriesCarryTheirItemAndChapterAndAChapterWithoutTitleHasNone() {
        FeedPage page = new FeedPage(List.of(
                new FeedEntry("lib-1", "m-1", "mangadex", "Berserk", "c-2", "2", Optional.of("The Hawk"), STARTED,
                        true),
                new FeedEntry("lib-1", "m-1", "mangadex", "Berserk", "c-1", "1.5", Optional.empty(), FINISHED,
                        false)), 7, 2, 4);
        assertEquals(Json.createObjectBuilder()
                .add("items", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("libraryId", "lib-1").add("mangaId", "m-1")
                                .add("extensionId", "mangadex").add("title", "Berserk").add("chapterId", "c-2")
                                .add("chapterNumber", "2").add("chapterTitle", "The Hawk")
                                .add("foundAt", "2031-02-03T04:05:06.007Z").add("isNew", true))
                        .add(Json.createObjectBuilder().add("libraryId", "lib-1").add("mangaId", "m-1")
                                .add("extensionId", "mangadex").add("title", "Berserk").add("chapterId", "c-1")
                                .add("chapterNumber", "1.5").add("foundAt", "2031-02-03T04:06:00.000Z")
                                .add("isNew", false)))
                .add("total", 7).add("limit", 2).add("offset", 4).build(), UpdatesJson.feed(page));
    }
}
