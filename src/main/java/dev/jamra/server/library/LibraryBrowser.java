package dev.jamra.server.library;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.jamra.server.storage.Database;

/**
 * The library read for presenting it elsewhere than the REST API (the OPDS catalog): its items a window at a time,
 * in the orders such a catalog offers, and how far each chapter of an item has been read. It only reads.
 */
public final class LibraryBrowser {
    /** The longest title search, as for {@code GET /api/library}. */
    public static final int MAX_SEARCH_LENGTH = LibraryRequests.MAX_SEARCH_LENGTH;

    private final Database db;
    private final LibraryRepository items;
    private final ProgressRepository progress;

    public LibraryBrowser(Database db, LibraryRepository items, ProgressRepository progress) {
        this.db = Objects.requireNonNull(db, "db");
        this.items = Objects.requireNonNull(items, "items");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** A window of items and how many there are in all. */
    public record Window(List<LibraryItem> items, int total) {
        public Window {
            items = List.copyOf(items);
        }
    }

    /** How far one chapter has been read: {@code pageNumber} counted from 1, 0 when none. */
    public record ChapterReading(String chapterId, int pageNumber, Optional<Integer> totalPages,
                                 Instant lastRead) {
        public ChapterReading {
            Objects.requireNonNull(chapterId, "chapterId");
            Objects.requireNonNull(totalPages, "totalPages");
            Objects.requireNonNull(lastRead, "lastRead");
        }
    }

    /**
     * Items by title (case-insensitively), filtered by status, favorite flag and a title search (each when given).
     *
     * @param limit at most {@link LibraryQuery#MAX_LIMIT}
     */
    public Window byTitle(Optional<LibraryStatus> status, Optional<Boolean> favorite, Optional<String> search,
                          int offset, int limit) {
        return list(new LibraryQuery(status, favorite, search, LibrarySort.TITLE, SortDirection.ASC,
                OptionalInt.of(limit), offset));
    }

    /** Items the most recently added first. */
    public Window recentlyAdded(int offset, int limit) {
        return list(new LibraryQuery(Optional.empty(), Optional.empty(), Optional.empty(), LibrarySort.DATE_ADDED,
                SortDirection.DESC, OptionalInt.of(limit), offset));
    }

    /** Items that have been read, the one read most recently first. */
    public Window recentlyRead(int offset, int limit) {
        checkWindow(offset, limit);
        return db.read(c -> new Window(items.recentlyRead(c, offset, limit), items.countRead(c)));
    }

    /** The reading of each chapter of the item that has any, by chapter id; empty for an unknown item. */
    public Map<String, ChapterReading> readings(String libraryId) {
        return db.read(c -> progress.all(c, libraryId)).stream()
                .map(row -> new ChapterReading(row.chapterId(), row.pageNumber(), row.totalPages(), row.lastRead()))
                .collect(Collectors.toUnmodifiableMap(ChapterReading::chapterId, Function.identity()));
    }

    private Window list(LibraryQuery query) {
        return db.read(c -> new Window(items.list(c, query), items.count(c, query)));
    }

    private static void checkWindow(int offset, int limit) {
        if (limit < 0 || limit > LibraryQuery.MAX_LIMIT || offset < 0) {
            throw new IllegalArgumentException("limit must be 0.." + LibraryQuery.MAX_LIMIT + " and offset >= 0");
        }
    }
}
