package dev.jamra.server.updates;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jamra.server.events.LibraryChaptersNew;
import dev.jamra.server.events.LibraryItemUpdated;
import dev.jamra.server.events.LibraryUpdateProgress;
import dev.jamra.server.events.MangaUpdated;
import dev.jamra.server.library.LibraryItem;
import dev.jamra.server.library.LibraryStatus;
import dev.jamra.server.library.ProgressService;
import dev.jamra.server.sources.Chapter;
import dev.jamra.server.storage.Sql;
import dev.jamra.server.testing.Await;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A check's rules against a real database and a scripted source: what is new, in which order clients hear it,
 * what the feed and the counts say, errors per item, one check at a time, a stop in the middle.
 */
class LibraryUpdatesTest {
    private final UpdateFixture fixture = new UpdateFixture();
    private final ScriptedSource source = fixture.source;
    private LibraryUpdates updates = fixture.start(AutoDownload.OFF);

    @AfterEach
    void close() {
        updates.close();
        fixture.close();
    }

    /** Items of manga {@code a} and {@code b}, each with chapter 1 at the source; returns {@code a}'s. */
    private LibraryItem itemsAAndB() {
        source.add("a", "1").add("b", "1");
        LibraryItem a = fixture.item("a");
        fixture.item("b");
        return a;
    }

    @Test
    void theFirstCheckRecordsAndTheSecondFindsExactlyTheNewChapters() {
        source.add("a", "1", "2").add("b", "1");
        LibraryItem a = fixture.item("a");
        LibraryItem b = fixture.item("b");

        CheckStatus first = fixture.checkAndWait(updates);
        assertEquals(List.of("progress true 0/2", "progress true 1/2", "progress true 2/2", "progress false 2/2"),
                fixture.eventLines(), "the first check calls nothing new");
        assertFalse(first.running());
        assertEquals(2, first.checked());
        assertEquals(2, first.total());
        assertTrue(first.startedAt().isPresent());
        assertFalse(first.finishedAt().get().isBefore(first.startedAt().get()));
        assertEquals(List.of(), first.errors());
        assertEquals(0, updates.feed(50, 0).total());

        source.add("a", "3", "4");
        fixture.events.clear();
        fixture.checkAndWait(updates);
        assertEquals(List.of("progress true 0/2",
                "new lib-a [a-3, a-4]", "updated lib-a newChapters=2", "manga a [chapters]",
                "progress true 1/2", "progress true 2/2", "progress false 2/2"), fixture.eventLines());
        LibraryChaptersNew found = assertInstanceOf(LibraryChaptersNew.class, fixture.events.get(1));
        assertEquals(List.of(new LibraryChaptersNew.NewChapter("a-3", "3", Optional.of("Chapter 3")),
                new LibraryChaptersNew.NewChapter("a-4", "4", Optional.of("Chapter 4"))), found.chapters());
        assertEquals(List.of("lib-a", "a", UpdateFixture.SOURCE, "Title a"),
                List.of(found.libraryId(), found.mangaId(), found.extensionId(), found.title()));
        MangaUpdated manga = assertInstanceOf(MangaUpdated.class, fixture.events.get(3));
        assertEquals(found.timestamp(), manga.timestamp(), "one moment for the item's events");

        FeedPage feed = updates.feed(50, 0);
        assertEquals(2, feed.total());
        assertEquals(List.of("a-4", "a-3"), feed.items().stream().map(FeedEntry::chapterId).toList(),
                "the latest found first");
        FeedEntry latest = feed.items().getFirst();
        assertEquals(List.of("lib-a", "a", UpdateFixture.SOURCE, "Title a", "4"), List.of(latest.libraryId(),
                latest.mangaId(), latest.extensionId(), latest.title(), latest.chapterNumber()));
        assertEquals(Optional.of("Chapter 4"), latest.chapterTitle());
        assertEquals(Instant.ofEpochMilli(found.timestamp()), latest.foundAt());
        assertTrue(latest.isNew());
        assertEquals(Map.of(a.id(), 2), fixture.newChapters(List.of(a.id(), b.id())));

        fixture.events.clear();
        fixture.checkAndWait(updates);
        assertEquals(List.of("progress true 0/2", "progress true 1/2", "progress true 2/2", "progress false 2/2"),
                fixture.eventLines(), "what was found once is not new again");
        assertEquals(2, updates.feed(50, 0).total());
    }

    @Test
    void aChecksSourceCallsAreBackgroundWorkNoPersonWaitsOn() {
        itemsAAndB();
        fixture.checkAndWait(updates);
        // a source lets background work wait its turn instead of refusing it as busy (MangaDex's 503)
        assertEquals(List.of(true, true), source.callsInBackground());
    }

    @Test
    void theFeedPagesAndAnUntitledChapterHasNoTitle() {
        fixture.checked(updates, "a", "1");
        source.add("a", "2", "3");
        source.addUntitled("a", "4");
        fixture.checkAndWait(updates);

        FeedPage page = updates.feed(2, 1);
        assertEquals(3, page.total());
        assertEquals(2, page.limit());
        assertEquals(1, page.offset());
        assertEquals(List.of("a-3", "a-2"), page.items().stream().map(FeedEntry::chapterId).toList());
        assertEquals(Optional.empty(), updates.feed(1, 0).items().getFirst().chapterTitle());
        assertEquals(List.of(), updates.feed(5, 3).items());
    }

    @Test
    void openingANewChapterTakesItOffOnceAndAnnouncesTheCount() {
        LibraryItem a = fixture.checked(updates, "a", "1");
        source.add("a", "2", "3");
        fixture.checkAndWait(updates);
        ProgressService progress = fixture.progress();
        progress.onChapterOpened(updates::chapterOpened);
        fixture.events.clear();

        progress.recordPageRead(a.id(), "a-2", 1, 3, Optional::empty);
        assertEquals(1, fixture.newChapters(a));
        List<LibraryItemUpdated> counts = fixture.events.stream().filter(LibraryItemUpdated.class::isInstance)
                .map(LibraryItemUpdated.class::cast).filter(update -> update.changes().newChapters().isPresent())
                .toList();
        assertEquals(1, counts.size());
        assertEquals(Optional.of(1), counts.getFirst().changes().newChapters());

        fixture.events.clear();
        progress.recordPageRead(a.id(), "a-2", 2, 3, Optional::empty);
        updates.chapterOpened(a.id(), "a-1");  // never new
        updates.chapterOpened(a.id(), "a-9");  // unknown
        assertTrue(fixture.events.stream().noneMatch(event -> event instanceof LibraryItemUpdated update
                                                              && update.changes().newChapters().isPresent()),
                "nothing changed the count");
        assertEquals(1, fixture.newChapters(a));
        assertEquals(List.of(true, false), updates.feed(5, 0).items().stream().map(FeedEntry::isNew).toList(),
                "a-3 is still new, a-2 was opened; both stay in the feed");
    }

    @Test
    void aChapterReadBeforeACheckFindsItIsListedButNotNew() {
        LibraryItem a = fixture.checked(updates, "a", "1");
        source.add("a", "2", "3");
        fixture.progress().recordPageRead(a.id(), "a-2", 1, 1, Optional::empty);

        fixture.checkAndWait(updates);
        assertEquals(1, fixture.newChapters(a));
        assertEquals(List.of("a-3 true", "a-2 false"), updates.feed(5, 0).items().stream()
                .map(entry -> entry.chapterId() + " " + entry.isNew()).toList());
    }

    @Test
    void completedAndDroppedItemsAreNotChecked() {
        source.add("reading", "1").add("planned", "1").add("held", "1").add("done", "1").add("gone", "1");
        fixture.item("reading", LibraryStatus.READING, false);
        fixture.item("planned", LibraryStatus.PLAN_TO_READ, false);
        fixture.item("held", LibraryStatus.ON_HOLD, false);
        fixture.item("done", LibraryStatus.COMPLETED, true);
        fixture.item("gone", LibraryStatus.DROPPED, false);

        assertEquals(3, fixture.checkAndWait(updates).total());
        assertEquals(List.of("reading", "planned", "held"), source.calls(), "in the order they were added");
    }

    @Test
    void anItemThatCannotBeCheckedIsAnErrorAndTheOthersAreChecked() {
        source.add("a", "1").add("down", "1").add("removed", "1").add("z", "1");
        fixture.item("a");
        fixture.item("down");
        fixture.item("orphan", "uninstalled", LibraryStatus.READING, false);
        fixture.item("removed");
        LibraryItem z = fixture.item("z");
        fixture.checkAndWait(updates);
        source.failing("down", true);
        source.remove("removed");
        source.add("z", "2");

        CheckStatus status = fixture.checkAndWait(updates);
        assertEquals(5, status.checked(), "every item counts as checked");
        assertEquals(List.of(
                new CheckError("lib-down", "Title down", "The source 'scripted' could not answer this request"),
                new CheckError("lib-orphan", "Title orphan", "Unknown source: uninstalled"),
                new CheckError("lib-removed", "Title removed", "No manga removed in scripted")), status.errors());
        assertEquals(1, fixture.newChapters(z), "the last item was still checked");

        source.failing("down", false);
        assertEquals(List.of("lib-orphan", "lib-removed"), fixture.checkAndWait(updates).errors().stream()
                .map(CheckError::libraryId).toList(), "a new check starts a new list");
    }

    @Test
    void aSecondStartWhileACheckRunsAnswersThatCheck() {
        itemsAAndB();
        source.hold("a");
        CheckStatus started = updates.check();
        Await.until(() -> source.calls().contains("a"), "the check asks the source");

        CheckStatus again = updates.check();
        assertTrue(again.running());
        assertEquals(started.startedAt(), again.startedAt());
        source.release("a");
        fixture.awaitOver(updates);
        assertEquals(List.of("a", "b"), source.calls(), "one check, each item once");
        assertEquals(1, fixture.events.stream().filter(event -> event instanceof LibraryUpdateProgress progress
                                                                && progress.checked() == 0).count());
    }

    @Test
    void aStopInTheMiddleKeepsWhatWasFoundAndTheNextStartFindsTheRestOnce() {
        source.add("a", "1").add("b", "1").add("c", "1");
        LibraryItem a = fixture.item("a");
        LibraryItem b = fixture.item("b");
        LibraryItem c = fixture.item("c");
        fixture.checkAndWait(updates);
        source.add("a", "2").add("b", "2").add("c", "2");
        source.hold("b");
        fixture.events.clear();
        updates.check();
        Await.until(() -> source.calls().stream().filter("b"::equals).count() == 2, "b is being checked");

        updates.close();  // as the server stops: b's call is cut short
        assertEquals(List.of("progress true 0/3", "progress true 1/3", "progress false 1/3"), fixture.eventLines()
                .stream().filter(line -> line.startsWith("progress")).toList(), "b was not checked");
        CheckStatus stopped = updates.status();
        assertFalse(stopped.running());
        assertEquals(1, stopped.checked());
        assertEquals(3, stopped.total());
        assertTrue(stopped.finishedAt().isPresent());
        assertEquals(List.of(), stopped.errors(), "a stop is not the source's failure");
        assertInstanceOf(LibraryUpdateProgress.class, fixture.events.getLast());
        assertFalse(((LibraryUpdateProgress) fixture.events.getLast()).running(), "the last report says it ended");
        assertEquals(stopped, updates.check(), "a closed service starts nothing");
        source.release("b");

        updates = fixture.start(AutoDownload.OFF);
        assertEquals(stopped, updates.status(), "a restart keeps the state");
        fixture.events.clear();
        fixture.checkAndWait(updates);
        assertEquals(List.of("new lib-b [b-2]", "new lib-c [c-2]"), fixture.eventLines().stream()
                .filter(line -> line.startsWith("new ")).toList(), "a's chapter is not called new twice");
        assertEquals(Map.of(a.id(), 1, b.id(), 1, c.id(), 1), fixture.newChapters(List.of(a.id(), b.id(), c.id())));
        assertEquals(3, updates.feed(50, 0).total());
    }

    @Test
    void aStopDuringThePauseBeforeACallEndsTheCheckAtOnce() {
        itemsAAndB();
        source.requestInterval(Duration.ofHours(1));  // b's turn would come in an hour
        updates.check();
        Await.until(() -> updates.status().checked() == 1, "a is checked, b waits for its turn");

        updates.close();
        CheckStatus stopped = updates.status();
        assertFalse(stopped.running());
        assertEquals(1, stopped.checked());
        assertEquals(List.of("a"), source.calls(), "b was never asked");
        assertEquals(List.of("progress true 0/2", "progress true 1/2", "progress false 1/2"), fixture.eventLines());
    }

    @Test
    void aCheckACrashLeftRunningEndsAtTheNextStart() {
        fixture.db.write(c -> {
            fixture.rows.startCheck(c, 3, Instant.parse("2020-01-01T00:00:00.000Z"));
            fixture.rows.itemChecked(c, Optional.empty());
            return null;
        });
        assertTrue(updates.status().running(), "as the crashed run left it, until a start closes it");
        updates.close();

        updates = fixture.start(AutoDownload.OFF);
        CheckStatus status = updates.status();
        assertFalse(status.running());
        assertEquals(1, status.checked());
        assertEquals(3, status.total());
        assertTrue(status.finishedAt().get().isAfter(status.startedAt().get()));
    }

    @Test
    void beforeAnyCheckNothingStartedAndNothingWasChecked() {
        assertEquals(CheckStatus.NEVER, updates.status());
        assertEquals(new FeedPage(List.of(), 0, 50, 0), updates.feed(50, 0));
    }

    @Test
    void anItemRemovedDuringTheCheckIsPassedQuietly() {
        LibraryItem a = itemsAAndB();
        fixture.checkAndWait(updates);
        source.add("a", "2");
        source.failing("b", true);
        source.hold("a");
        updates.check();
        Await.until(() -> source.calls().size() == 3, "a is being checked");
        fixture.delete(a);
        fixture.delete(fixture.library.find("lib-b").orElseThrow());
        source.release("a");
        fixture.awaitOver(updates);

        CheckStatus status = updates.status();
        assertEquals(2, status.checked());
        assertEquals(List.of(), status.errors(), "nothing to say of items that are gone");
        assertEquals(0, updates.feed(50, 0).total());
        assertTrue(fixture.eventLines().stream().noneMatch(line -> line.startsWith("new ")));
    }

    @Test
    void removingAnItemRemovesItsUpdateRows() {
        LibraryItem a = fixture.checked(updates, "a", "1");
        source.add("a", "2");
        fixture.checkAndWait(updates);
        assertEquals(1, updates.feed(50, 0).total());
        source.failing("a", true);
        assertEquals(1, fixture.checkAndWait(updates).errors().size());

        fixture.delete(a);
        assertEquals(0, updates.feed(50, 0).total());
        for (String table : List.of("library_update_items", "library_known_chapters", "library_new_chapters",
                "library_update_errors")) {
            assertEquals(0, fixture.db.read(c -> Sql.first(c,
                    "SELECT COUNT(*) FROM " + table, rs -> rs.getInt(1))).orElseThrow(), table);
        }
    }

    @Test
    void aBrokenDatabaseFailsItsItemsNotTheCheck() {
        fixture.checked(updates, "a", "1");
        source.add("b", "1");
        fixture.item("b");
        fixture.db.write(c -> Sql.update(c, "DROP TABLE library_known_chapters"));

        CheckStatus status = fixture.checkAndWait(updates);
        assertFalse(status.running());
        assertEquals(2, status.checked());
        assertEquals(List.of(new CheckError("lib-a", "Title a", UpdateCheck.UNEXPECTED_FAILURE),
                new CheckError("lib-b", "Title b", UpdateCheck.UNEXPECTED_FAILURE)), status.errors());
    }

    @Test
    void aSourceThatListsAChapterWithoutAnIdFailsItsItem() {
        fixture.checked(updates, "a", "1");
        source.add("a", new Chapter("", "2", null));
        CheckStatus status = fixture.checkAndWait(updates);
        assertEquals(List.of(new CheckError("lib-a", "Title a", "The source 'scripted' could not answer this request")),
                status.errors());
        assertEquals(0, updates.feed(5, 0).total());
    }

    @Test
    void aFailureToAnnounceLosesOnlyTheEventsTheChaptersStayFound() {
        LibraryItem a = fixture.checked(updates, "a", "1");
        LibraryItem b = fixture.checked(updates, "b", "1");
        source.add("a", "2").add("b", "2");
        fixture.failAnnouncing("a");

        fixture.checkAndWait(updates);
        assertEquals(Map.of(a.id(), 1, b.id(), 1), fixture.newChapters(List.of(a.id(), b.id())));
        assertEquals(List.of("new lib-b [b-2]"), fixture.eventLines().stream()
                .filter(line -> line.startsWith("new ")).toList());
    }
}
