package dev.jamra.server.updates;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jamra.server.library.LibraryItem;
import dev.jamra.server.sources.Chapter;
import dev.jamra.server.storage.SqlFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SQL of library updates on a real database: what each answer says in the cases the service relies on. */
class UpdateRepositoryTest {
    private static final Instant AT = Instant.parse("2031-01-02T03:04:05.006Z");

    private final UpdateFixture fixture = new UpdateFixture();
    private final UpdateRepository rows = fixture.rows;

    @AfterEach
    void close() {
        fixture.close();
    }

    private <T> T write(SqlFunction<T> work) {
        return fixture.db.write(work);
    }

    /** A yes-or-no write, its answer unboxed. */
    private boolean answer(SqlFunction<Boolean> work) {
        return fixture.db.write(work);
    }

    private boolean reads(SqlFunction<Boolean> work) {
        return fixture.db.read(work);
    }

    private static Chapter chapter(String id) {
        return new Chapter(id, id.substring(1), null);
    }

    @Test
    void theFirstRecordKnowsEverythingAndLaterOnesReturnWhatIsNewOnceInTheSourcesOrder() {
        LibraryItem item = fixture.item("a");
        assertEquals(List.of(), write(c -> rows.record(c, item.id(), List.of(chapter("c1"), chapter("c2")), AT)));
        assertEquals(List.of(chapter("c4"), chapter("c3")), write(c -> rows.record(c, item.id(),
                List.of(chapter("c1"), chapter("c4"), chapter("c3"), chapter("c4")), AT)),
                "a chapter listed twice is new once");
        assertEquals(List.of(), write(c -> rows.record(c, item.id(), List.of(chapter("c2")), AT)),
                "chapters that left are not new, nor are those seen");
        assertEquals(List.of(chapter("c5")), write(c -> rows.record(c, item.id(), List.of(chapter("c5")), AT)));
    }

    @Test
    void aFirstCheckThatSawNoChapterStillCounts() {
        LibraryItem item = fixture.item("a");
        assertEquals(List.of(), write(c -> rows.record(c, item.id(), List.of(), AT)));
        assertEquals(List.of(chapter("c1")), write(c -> rows.record(c, item.id(), List.of(chapter("c1")), AT)));
    }

    @Test
    void anItemThatIsGoneGetsNothingStored() {
        assertEquals(List.of(), write(c -> rows.record(c, "lib-gone", List.of(chapter("c1")), AT)));
        LibraryItem item = fixture.item("gone");
        assertEquals(List.of(), write(c -> rows.record(c, item.id(), List.of(chapter("c1")), AT)),
                "nothing was recorded before: this is its first check");
    }

    @Test
    void countsAreOfUnopenedChaptersOfEveryItemThatHasAny() {
        LibraryItem a = fixture.item("a");
        LibraryItem b = fixture.item("b");
        LibraryItem c = fixture.item("c");
        for (LibraryItem item : List.of(a, b)) {
            write(conn -> rows.record(conn, item.id(), List.of(), AT));
            write(conn -> rows.record(conn, item.id(), List.of(chapter("c1"), chapter("c2")), AT));
        }
        assertTrue(answer(conn -> rows.markOpened(conn, b.id(), "c1", AT)));

        assertEquals(Map.of(a.id(), 2, b.id(), 1), fixture.db.read(rows::newChapterCounts), "none is no entry");
        assertEquals(2, fixture.newChapters(a));
        assertEquals(1, fixture.newChapters(b));
        assertEquals(0, fixture.newChapters(c));
        assertEquals(0, (int) fixture.db.read(conn -> rows.newChapterCount(conn, "no-such-item")));
    }

    @Test
    void aNewChapterIsOpenedOnce() {
        LibraryItem item = fixture.item("a");
        write(c -> rows.record(c, item.id(), List.of(), AT));
        write(c -> rows.record(c, item.id(), List.of(chapter("c1")), AT));

        assertTrue(reads(c -> rows.isNew(c, item.id(), "c1")));
        assertFalse(reads(c -> rows.isNew(c, item.id(), "c9")));
        assertTrue(answer(c -> rows.markOpened(c, item.id(), "c1", AT)));
        assertFalse(reads(c -> rows.isNew(c, item.id(), "c1")));
        assertFalse(answer(c -> rows.markOpened(c, item.id(), "c1", AT)), "opened already");
        assertFalse(answer(c -> rows.markOpened(c, item.id(), "c9", AT)), "never found");
    }

    @Test
    void aCheckFinishesOnceAndErrorsOfItemsGoneAreNotKept() {
        assertFalse(answer(c -> rows.finishCheck(c, AT)), "no check ever ran");
        assertEquals(CheckStatus.NEVER, fixture.db.read(rows::status));
        LibraryItem item = fixture.item("a");
        write(c -> {
            rows.startCheck(c, 3, AT);
            rows.itemChecked(c, Optional.of(new CheckError(item.id(), "Title a", "down")));
            rows.itemChecked(c, Optional.of(new CheckError("lib-gone", "Gone", "gone")));
            rows.itemChecked(c, Optional.empty());
            return null;
        });
        assertEquals(new CheckStatus(true, 3, 3, Optional.of(AT), Optional.empty(),
                List.of(new CheckError(item.id(), "Title a", "down"))), fixture.db.read(rows::status));

        assertTrue(answer(c -> rows.finishCheck(c, AT.plusSeconds(1))));
        assertFalse(answer(c -> rows.finishCheck(c, AT.plusSeconds(2))), "finished already");
        assertEquals(Optional.of(AT.plusSeconds(1)), fixture.db.read(rows::status).finishedAt());
        write(c -> {
            rows.itemChecked(c, Optional.empty());
            return null;
        });
        assertEquals(3, fixture.db.read(rows::status).checked(), "a finished check counts no more");

        write(c -> {
            rows.startCheck(c, 1, AT.plusSeconds(3));
            return null;
        });
        assertEquals(new CheckStatus(true, 0, 1, Optional.of(AT.plusSeconds(3)), Optional.empty(), List.of()),
                fixture.db.read(rows::status), "a new check starts afresh");
    }
}
