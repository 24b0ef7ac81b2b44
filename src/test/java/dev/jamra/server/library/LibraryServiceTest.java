package dev.jamra.server.library;

import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.LibraryItemAdded;
import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.events.LibraryItemUpdated;
import dev.jamra.server.storage.Database;
import dev.jamra.server.testing.TestConfig;
import dev.jamra.server.web.JsonFactory;

import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's promises that HTTP cannot show directly: events after commit, and removal hooks. */
class LibraryServiceTest {
    private final Database db = Database.open(TestConfig.newDataDir());
    private final List<BroadcastEvent> published = new CopyOnWriteArrayList<>();
    private final List<String> committedAtPublish = new CopyOnWriteArrayList<>();
    /** New chapters per item, as the updates feature would count them. */
    private final Map<String, Integer> newChapters = new ConcurrentHashMap<>();
    private final LibraryService library = new LibraryService(db, new LibraryRepository(),
            new MapNewChapters(newChapters), this::record, Clock.systemUTC());

    /** Records the event and what another connection of the database sees at that moment. */
    private void record(BroadcastEvent event) {
        published.add(event);
        String id = switch (event) {
            case LibraryItemAdded added -> added.item().libraryId();
            case LibraryItemUpdated updated -> updated.item().libraryId();
            case LibraryItemRemoved removed -> removed.libraryId();
            default -> throw new AssertionError("unexpected " + event);
        };
        committedAtPublish.add(db.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "select status || ':' || favorite from library_items where id = ?")) {
                select.setString(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "absent";
                }
            }
        }));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private LibraryItem add(String mangaId) {
        return library.add(new NewLibraryItem(mangaId, "local", "Title " + mangaId, LibraryStatus.READING,
                Optional.empty()));
    }

    @Test
    void eachEventIsPublishedOnceItsChangeIsVisibleToOtherConnections() {
        LibraryItem item = add("m1");
        library.update(item.id(), new LibraryUpdate(Optional.of(LibraryStatus.COMPLETED), Optional.empty()));
        library.toggleFavorite(item.id());
        library.remove(item.id());

        assertEquals(List.of("reading:0", "completed:0", "completed:1", "absent"), committedAtPublish);
        assertInstanceOf(LibraryItemAdded.class, published.get(0));
        assertInstanceOf(LibraryItemRemoved.class, published.get(3));
    }

    @Test
    void anUpdateThatChangesNothingPublishesNothing() {
        LibraryItem item = add("m2");
        LibraryItem same = library.update(item.id(),
                new LibraryUpdate(Optional.of(LibraryStatus.READING), Optional.of(false)));
        assertEquals(item, same);
        assertEquals(1, published.size(), "only the add");
    }

    @Test
    void readingMovesLastUpdatedForwardAndIsPublishedAtMostOncePerMinute() {
        LibraryItem item = add("m5");
        Instant start = item.lastUpdated();

        library.readAt(item.id(), start.plusSeconds(1));
        library.readAt(item.id(), start.plusSeconds(31));
        assertEquals(start.plusSeconds(31), library.get(item.id()).lastUpdated(), "every read moves it");
        library.readAt(item.id(), start.plusSeconds(20));
        assertEquals(start.plusSeconds(31), library.get(item.id()).lastUpdated(), "never backwards");
        library.readAt(item.id(), start.plusSeconds(60));
        library.readAt(item.id(), start.plusSeconds(61));

        List<LibraryItemUpdated> reads = published.stream().filter(LibraryItemUpdated.class::isInstance)
                .map(LibraryItemUpdated.class::cast).toList();
        assertEquals(List.of(start.plusSeconds(1).toEpochMilli(), start.plusSeconds(61).toEpochMilli()),
                reads.stream().map(update -> update.item().timestamp()).toList(), "a minute apart at least");
        reads.forEach(update -> assertTrue(update.changes().isEmpty(), "reading changes no field"));
        assertEquals(item.id(), reads.getFirst().item().libraryId());
    }

    @Test
    void readingAnUnknownItemChangesNothing() {
        library.readAt("no-such-id", Instant.now());
        assertEquals(List.of(), published);
    }

    @Test
    void removalHooksRunInOrderBeforeTheItemIsDeleted() {
        LibraryItem item = add("m3");
        List<String> calls = new ArrayList<>();
        library.onRemove(id -> calls.add("first " + id + " present=" + library.find(id).isPresent()));
        library.onRemove(id -> calls.add("second " + id + " present=" + library.find(id).isPresent()));

        library.remove(item.id());

        assertEquals(List.of("first " + item.id() + " present=true", "second " + item.id() + " present=true"), calls);
        assertTrue(library.find(item.id()).isEmpty());
    }

    @Test
    void aFailingHookKeepsTheItem() {
        LibraryItem item = add("m4");
        library.onRemove(id -> {
            throw new IllegalStateException("cannot cancel downloads");
        });

        assertThrows(IllegalStateException.class, () -> library.remove(item.id()));
        assertEquals(Optional.of(item), library.find(item.id()));
        assertFalse(published.stream().anyMatch(LibraryItemRemoved.class::isInstance));
    }

    @Test
    void hooksDoNotRunForAnUnknownItem() {
        List<String> calls = new ArrayList<>();
        library.onRemove(calls::add);
        assertThrows(ServiceException.NotFound.class, () -> library.remove("no-such-id"));
        assertEquals(List.of(), calls);
    }

    @Test
    void newChaptersAreAnnouncedWithTheCountAsItIsThenAndLastUpdatedStays() {
        LibraryItem item = add("m6");
        newChapters.put(item.id(), 3);
        library.announceNewChapters(item.id());
        newChapters.put(item.id(), 2);
        library.announceNewChapters(item.id());

        List<LibraryItemUpdated> updates = published.stream().filter(LibraryItemUpdated.class::isInstance)
                .map(LibraryItemUpdated.class::cast).toList();
        assertEquals(List.of(Optional.of(3), Optional.of(2)),
                updates.stream().map(update -> update.changes().newChapters()).toList());
        updates.forEach(update -> {
            assertEquals(item.id(), update.item().libraryId());
            assertEquals(Optional.empty(), update.changes().status(), "only the count changed");
            assertEquals(Optional.empty(), update.changes().favorite());
        });
        assertEquals(item.lastUpdated(), library.get(item.id()).lastUpdated(), "new chapters are not reading");
        assertEquals(2, library.newChapters(item.id()));
    }

    @Test
    void announcingAnUnknownItemPublishesNothing() {
        library.announceNewChapters("no-such-id");
        assertEquals(List.of(), published);
    }

    @Test
    void listingsCarryTheCountsOfTheirItemsAndNoneIsZero() {
        LibraryItem counted = add("m7");
        LibraryItem none = add("m8");
        newChapters.put(counted.id(), 4);
        byte[] page = PageBytes.write(library, new LibraryQuery(Optional.empty(), Optional.empty(),
                Optional.empty(), LibrarySort.DATE_ADDED, SortDirection.ASC, OptionalInt.empty(), 0), 64);
        Map<String, Integer> listed = JsonFactory.JSON.createReader(new ByteArrayInputStream(page)).readObject()
                .getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(item -> item.getString("id"), item -> item.getInt("newChapters")));
        assertEquals(4, listed.get(counted.id()));
        assertEquals(0, listed.get(none.id()));
        assertEquals(0, library.newChapters(none.id()));
    }

    @Test
    void allListsEveryItemInTheOrderTheyWereAdded() {
        LibraryItem first = add("m9");
        LibraryItem second = add("m10");
        library.update(first.id(), new LibraryUpdate(Optional.of(LibraryStatus.DROPPED), Optional.empty()));
        assertEquals(List.of(first.id(), second.id()), library.all().stream().map(LibraryItem::id).toList(),
                "by date added, whatever changed since");
    }
}
