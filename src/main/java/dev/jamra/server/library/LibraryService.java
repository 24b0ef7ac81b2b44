package dev.jamra.server.library;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.events.LibraryChanges;
import dev.jamra.server.events.LibraryItemAdded;
import dev.jamra.server.events.LibraryItemRemoved;
import dev.jamra.server.events.LibraryItemUpdated;
import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.IsoTime;

/**
 * The library's rules: one item per manga of a source, updates that report exactly what changed, and removal
 * that lets other features clean up first. Each change is published on the event channel once its transaction
 * has committed, and never for an update that changed nothing.
 */
public final class LibraryService {
    /** The shortest time between two reading updates of one item on the event channel. */
    static final Duration READING_EVENT_INTERVAL = Duration.ofMinutes(1);

    private final Database db;
    private final LibraryRepository items;
    private final NewChapterCounts newChapters;
    private final EventPublisher events;
    private final Clock clock;
    private final List<LibraryRemovalHook> removalHooks = new CopyOnWriteArrayList<>();
    // Held from a change's transaction to its publication, so events leave in the order their changes committed.
    private final ReentrantLock commitOrder = new ReentrantLock();
    /** When each item's last reading update went out; written under {@link #commitOrder}. */
    private final Map<String, Instant> readingPublished = new ConcurrentHashMap<>();

    public LibraryService(Database db, LibraryRepository items, NewChapterCounts newChapters, EventPublisher events,
                          Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.items = Objects.requireNonNull(items, "items");
        this.newChapters = Objects.requireNonNull(newChapters, "newChapters");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs {@code hook} before every removal of an item, after those registered earlier. */
    public void onRemove(LibraryRemovalHook hook) {
        removalHooks.add(Objects.requireNonNull(hook, "hook"));
    }

    /** The item with this id, if the library holds it. */
    public Optional<LibraryItem> find(String id) {
        return db.read(c -> items.find(c, id));
    }

    LibraryItem get(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Writes the page {@code query} asks for, from one read transaction: its items as they are read, then how many
     * match. A window without a limit holds every match from its offset on, so its total needs no count of its own.
     */
    void writePage(LibraryQuery query, PageJson page) {
        db.read(c -> {
            Map<String, Integer> counts = newChapters.newChapterCounts(c);
            int written;
            try (StoredItems rows = items.rows(c, query)) {
                written = page.items(rows, counts);
            }
            boolean wholeRest = query.limit().isEmpty() && (written > 0 || query.offset() == 0);
            page.end(wholeRest ? query.offset() + written : items.count(c, query), query.limit(), query.offset());
            return null;
        });
    }

    /** Every item, in the order they were added. */
    public List<LibraryItem> all() {
        LibraryQuery everything = new LibraryQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                LibrarySort.DATE_ADDED, SortDirection.ASC, OptionalInt.empty(), 0);
        return db.read(c -> items.list(c, everything));
    }

    /** How many chapters of the item checks found that nobody has opened since. */
    int newChapters(String id) {
        return db.read(c -> newChaptersOf(c, id));
    }

    private int newChaptersOf(Connection c, String id) throws SQLException {
        return newChapters.newChapterCount(c, id);
    }

    LibraryStats stats() {
        return db.read(items::stats);
    }

    /** Adds a manga; a manga already in the library (same source) is a conflict. */
    LibraryItem add(NewLibraryItem request) {
        commitOrder.lock();
        try {
            // stamped under the lock, so dateAdded follows the order in which adds commit
            Instant now = IsoTime.now(clock);
            LibraryItem item = new LibraryItem(UUID.randomUUID().toString(), request.mangaId(),
                    request.extensionId(), request.title(), request.coverUrl(), request.status(), false, now, now);
            db.write(c -> {
                // writes are serialized, so nothing can slip in between this check and the insert
                Optional<LibraryItem> existing = items.findByManga(c, request.mangaId(), request.extensionId());
                if (existing.isPresent()) {
                    throw new ServiceException.Conflict("Manga " + request.mangaId() + " of " + request.extensionId()
                            + " is already in the library", Map.of("libraryId", existing.get().id()));
                }
                items.insert(c, item);
                return item;
            });
            events.publish(new LibraryItemAdded(item.snapshot(now.toEpochMilli())));
            return item;
        } finally {
            commitOrder.unlock();
        }
    }

    /** Sets the given fields; publishes only when one of them differs from what was stored. */
    LibraryItem update(String id, LibraryUpdate update) {
        return change(id, stored -> update);
    }

    LibraryItem toggleFavorite(String id) {
        return change(id, before -> new LibraryUpdate(Optional.empty(), Optional.of(!before.favorite())));
    }

    /**
     * Someone read the item at {@code at}: its {@code lastUpdated} moves forward to that time, so the manga read
     * last lead a listing by {@code lastUpdated} (the reader's Home shows the first eight that have progress).
     * Clients hear of it as an update with no changed fields, at most once per {@link #READING_EVENT_INTERVAL} per
     * item, since a reader fetching a chapter's pages reads many times a second. An item removed meanwhile is
     * ignored.
     */
    void readAt(String id, Instant at) {
        commitOrder.lock();
        try {
            Optional<LibraryItem> touched = db.write(c -> items.touch(c, id, at)
                    ? items.find(c, id)
                    : Optional.<LibraryItem>empty());
            if (touched.isEmpty()) {
                return;
            }
            Instant previous = readingPublished.get(id);
            if (previous == null || !at.isBefore(previous.plus(READING_EVENT_INTERVAL))) {
                readingPublished.put(id, at);
                events.publish(new LibraryItemUpdated(touched.get().snapshot(at.toEpochMilli()),
                        new LibraryChanges(Optional.empty(), Optional.empty())));
            }
        } finally {
            commitOrder.unlock();
        }
    }

    /**
     * Tells clients that the item's count of new chapters changed (a check found some, or one was opened):
     * {@code library:item:updated} with {@code changes.newChapters}, the count as it is now. The item's
     * {@code lastUpdated} stays: it follows reading and the user's changes. An item removed meanwhile is ignored.
     */
    public void announceNewChapters(String id) {
        commitOrder.lock();
        try {
            // read under the lock: of two announcements, the later one carries the later count
            Optional<LibraryItemUpdated> update = db.read(c -> {
                Optional<LibraryItem> item = items.find(c, id);
                if (item.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new LibraryItemUpdated(item.get().snapshot(clock.millis()),
                        LibraryChanges.newChapters(newChaptersOf(c, id))));
            });
            update.ifPresent(events::publish);
        } finally {
            commitOrder.unlock();
        }
    }

    /**
     * Removes the item with its progress rows and whatever references it: the removal hooks run first, then one
     * transaction deletes the item.
     */
    void remove(String id) {
        LibraryItem item = get(id);
        for (LibraryRemovalHook hook : removalHooks) {
            hook.beforeRemove(id);
        }
        commitOrder.lock();
        try {
            if (!db.write(c -> items.delete(c, id))) {
                throw notFound(id);  // removed by a concurrent request meanwhile
            }
            readingPublished.remove(id);
            events.publish(new LibraryItemRemoved(item.id(), item.mangaId(), item.extensionId(), item.title(),
                    clock.millis()));
        } finally {
            commitOrder.unlock();
        }
    }

    /** Applies the update {@code updateOf} makes from the stored item, in one transaction. */
    private LibraryItem change(String id, Function<LibraryItem, LibraryUpdate> updateOf) {
        commitOrder.lock();
        try {
            Change result = db.write(c -> {
                LibraryItem before = items.find(c, id).orElseThrow(() -> notFound(id));
                LibraryUpdate update = updateOf.apply(before);
                LibraryChanges changes = new LibraryChanges(
                        update.status().filter(status -> status != before.status()).map(LibraryStatus::wireName),
                        update.favorite().filter(favorite -> favorite != before.favorite()));
                if (changes.isEmpty()) {
                    return new Change(before, changes);
                }
                LibraryItem after = before.changed(update.status().orElse(before.status()),
                        update.favorite().orElse(before.favorite()), IsoTime.now(clock));
                items.update(c, after);
                return new Change(after, changes);
            });
            if (!result.changes().isEmpty()) {
                LibraryItem after = result.item();
                events.publish(new LibraryItemUpdated(after.snapshot(after.lastUpdated().toEpochMilli()),
                        result.changes()));
            }
            return result.item();
        } finally {
            commitOrder.unlock();
        }
    }

    private record Change(LibraryItem item, LibraryChanges changes) {
    }

    static ServiceException.NotFound notFound(String id) {
        return new ServiceException.NotFound("No library item with id " + id);
    }
}
