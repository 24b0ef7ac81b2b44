package dev.jamra.server.sources.mangadex;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.OutboundGuard;
import dev.jamra.server.sources.SourceContext;
import dev.jamra.server.sources.SourceNotFoundException;
import dev.jamra.server.testing.FakeMangaDex;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What a library update check asks of MangaDex, against the fake MangaDex without a server: the feed afresh, never
 * the details kept for a minute, and the details forgotten so the details screen shows the same chapters.
 */
class MangaDexLatestChaptersTest {
    private static final String MANGA = MangaDexSourceTest.id("latest");

    private final FakeMangaDex mangaDex = FakeMangaDex.start();
    private final MangaSource source = new MangaDexSourceProvider().create(new SourceContext(
            TestConfig.builtIn(mangaDex.settings(Map.of("sources.mangadex.requests-per-second", "8")))
                    .get("sources").get("mangadex"), TestConfig.newDataDir(), OutboundGuard.create(true))).orElseThrow();

    @AfterEach
    void close() throws Exception {
        ((AutoCloseable) source).close();
        mangaDex.close();
    }

    private void release(int number) {
        mangaDex.addChapter(MANGA, MangaDexSourceTest.id("latest-" + number), String.valueOf(number), "en", 1, null);
    }

    /** How often MangaDex was asked for the manga's details ({@code /manga/<id>}, not its feed). */
    private long detailsAsked() {
        return mangaDex.requests().stream().filter(request -> request.path().equals("/manga/" + MANGA)).count();
    }

    private static List<String> numbers(List<Chapter> chapters) {
        return chapters.stream().map(Chapter::number).toList();
    }

    @Test
    void theLatestChaptersAreAskedAfreshAndTheKeptDetailsForgotten() {
        mangaDex.addManga(MANGA, "Latest");
        release(1);
        assertEquals(List.of("1"), numbers(source.manga(MANGA).chapters()));
        release(2);
        assertEquals(List.of("1"), numbers(source.manga(MANGA).chapters()), "the details are kept a minute");

        assertEquals(1, detailsAsked());
        assertEquals(List.of("1", "2"), numbers(source.latestChapters(MANGA)), "a check sees the new release");
        assertEquals(1, detailsAsked(), "a check asks the feed only");
        assertEquals(List.of("1", "2"), numbers(source.manga(MANGA).chapters()), "and so do the details next");
        assertEquals(2, detailsAsked(), "the kept details were forgotten");
    }

    @Test
    void anUnknownOrMalformedIdIsNotFound() {
        assertThrows(SourceNotFoundException.class, () -> source.latestChapters(MangaDexSourceTest.id("nothing")));
        assertThrows(SourceNotFoundException.class, () -> source.latestChapters("not-a-uuid"));
        assertEquals(List.of(), mangaDex.requests("/manga/not-a-uuid"), "a malformed id asks nothing");
    }

    @Test
    void aCheckIsPacedByOneSlotOfTheRequestLimit() {
        assertEquals(Duration.ofMillis(125), source.requestInterval());
    }
}
