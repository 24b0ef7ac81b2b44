package dev.jamra.server.library;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.events.Event;
import dev.jamra.server.events.LibraryProgressUpdated;
import dev.jamra.server.storage.Database;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of recorded reading that HTTP shows only in part: furthest page, chapter numbers, lastUpdated. */
class ProgressServiceTest {
    private static final Instant READ_AT = Instant.parse("2031-05-04T10:00:00.000Z");

    private final Database db = Database.open(TestConfig.newDataDir());
    private final LibraryRepository items = new LibraryRepository();
    private final LibraryService library = new LibraryService(db, items, MapNewChapters.none(), event -> { },
            Clock.systemUTC());
    private final List<Event> published = new CopyOnWriteArrayList<>();
    private final ProgressService progress = new ProgressService(db, items, new ProgressRepository(), library,
            published::add, Clock.fixed(READ_AT, ZoneOffset.UTC));
    private final String id = library.add(new NewLibraryItem("m", "local", "Title", LibraryStatus.READING,
            Optional.empty())).id();
    private final AtomicInteger numberLookups = new AtomicInteger();

    @AfterEach
    void close() {
        db.close();
    }

    private Supplier<Optional<String>> number(String value) {
        return () -> {
            numberLookups.incrementAndGet();
            return Optional.ofNullable(value);
        };
    }

    private ReadingProgress read(String chapterId, int page, int total) {
        return progress.recordPageRead(id, chapterId, page, total, number("12"));
    }

    @Test
    void everyStoredProgressTellsTheListenersInOrderAfterItIsStoredAndAFailingOneFailsNothing() {
        List<String> heard = new CopyOnWriteArrayList<>();
        progress.onChapterOpened((libraryId, chapterId) -> heard.add("first " + libraryId + " " + chapterId
                + " stored=" + progress.all(libraryId).stream().anyMatch(row -> row.chapterId().equals(chapterId))));
        progress.onChapterOpened((libraryId, chapterId) -> {
            throw new IllegalStateException("the other feature is broken");
        });
        progress.onChapterOpened((libraryId, chapterId) -> heard.add("third " + chapterId));

        read("c1", 1, 3);
        read("c1", 1, 3);  // changes nothing, still an opening
        progress.save(id, new ProgressUpdate("c2", Optional.empty(), 0, Optional.empty()));

        assertEquals(List.of("first " + id + " c1 stored=true", "third c1", "first " + id + " c1 stored=true",
                "third c1", "first " + id + " c2 stored=true", "third c2"), heard);
    }

    @Test
    void aRefusedReportTellsNoListener() {
        List<String> heard = new CopyOnWriteArrayList<>();
        progress.onChapterOpened((libraryId, chapterId) -> heard.add(chapterId));
        assertThrows(ServiceException.NotFound.class,
                () -> progress.save("no-such-item", new ProgressUpdate("c1", Optional.empty(), 0, Optional.empty())));
        assertThrows(ServiceException.Invalid.class,
                () -> progress.save(id, new ProgressUpdate("c1", Optional.empty(), -1, Optional.empty())));
        assertEquals(List.of(), heard);
    }

    @Test
    void theFurthestPageCountsAndTheLastPageCompletes() {
        assertEquals(2, read("c1", 2, 3).pageNumber());
        ReadingProgress back = read("c1", 1, 3);
        assertEquals(2, back.pageNumber());
        assertFalse(back.completed());
        assertEquals(Optional.of(3), back.totalPages());

        ReadingProgress last = read("c1", 3, 3);
        assertEquals(3, last.pageNumber());
        assertTrue(last.completed());
        assertEquals(back.id(), last.id(), "one row per chapter");
        assertEquals(Optional.of(last), progress.lastRead(id));
    }

    @Test
    void onlyAReadThatMovesTheChapterIsPublished() {
        read("c1", 2, 3);
        read("c1", 1, 3);
        read("c1", 2, 3);
        read("c1", 3, 3);
        assertEquals(List.of(new LibraryProgressUpdated(id, "c1", Optional.of("12"), 2, Optional.of(3), false,
                        READ_AT.toEpochMilli()),
                new LibraryProgressUpdated(id, "c1", Optional.of("12"), 3, Optional.of(3), true,
                        READ_AT.toEpochMilli())),
                published);
    }

    @Test
    void aChapterThatShrankKeepsItsProgressWithinItsPages() {
        read("c1", 5, 5);
        ReadingProgress shrunk = read("c1", 1, 3);
        assertEquals(3, shrunk.pageNumber());
        assertEquals(Optional.of(3), shrunk.totalPages());
        assertTrue(shrunk.completed());
    }

    @Test
    void theChapterNumberIsLookedUpOnlyUntilItIsKnown() {
        progress.recordPageRead(id, "c1", 1, 4, number(null));
        assertEquals(Optional.empty(), progress.chapter(id, "c1").chapterNumber());
        progress.recordPageRead(id, "c1", 2, 4, number("4.5"));
        progress.recordPageRead(id, "c1", 3, 4, number("other"));

        assertEquals(Optional.of("4.5"), progress.chapter(id, "c1").chapterNumber());
        assertEquals(2, numberLookups.get(), "the third read found the number stored");
    }

    @Test
    void aNumberStoredByAConcurrentReadIsKeptWhenThisLookupFindsNone() {
        // the lookup runs outside the transaction; another read of the chapter stores its number meanwhile
        progress.recordPageRead(id, "c1", 1, 2, () -> {
            progress.recordPageRead(id, "c1", 2, 2, number("9"));
            return Optional.empty();
        });
        assertEquals(Optional.of("9"), progress.chapter(id, "c1").chapterNumber());
        assertEquals(2, progress.chapter(id, "c1").pageNumber());
    }

    @Test
    void aOnePageChapterIsCompletedByItsOnlyPage() {
        ReadingProgress only = read("c1", 1, 1);
        assertEquals(1, only.pageNumber());
        assertTrue(only.completed());
    }

    @Test
    void readingAndReportingMakeTheItemJustUpdated() {
        read("c1", 1, 3);
        assertEquals(READ_AT, library.get(id).lastUpdated());

        String other = library.add(new NewLibraryItem("m2", "local", "Other", LibraryStatus.READING,
                Optional.empty())).id();
        progress.save(other, new ProgressUpdate("c1", Optional.empty(), 1, Optional.empty()));
        assertEquals(READ_AT, library.get(other).lastUpdated());
    }

    @Test
    void pagesOutsideTheChapterAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> read("c1", 0, 3));
        assertThrows(IllegalArgumentException.class, () -> read("c1", 4, 3));
        assertThrows(IllegalArgumentException.class, () -> read("c1", 1, 0));
        assertEquals(Optional.empty(), progress.lastRead(id), "nothing was stored");
    }

    @Test
    void anItemRemovedMeanwhileIsNotFoundAndNothingIsStored() {
        library.remove(id);
        assertThrows(ServiceException.NotFound.class, () -> read("c1", 1, 3));
        assertThrows(ServiceException.NotFound.class, () -> progress.lastRead(id), "an unknown item is no null");
    }

    @Test
    void completedMeansOnTheLastPageCountingFromOne() {
        assertFalse(ProgressService.completed(2, 3));
        assertTrue(ProgressService.completed(3, 3));
        assertFalse(ProgressService.completed(0, 1));
    }
}
