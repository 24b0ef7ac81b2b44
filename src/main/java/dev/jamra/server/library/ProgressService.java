package dev.jamra.server.library;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.events.LibraryProgressUpdated;

import dev.jamra.server.storage.Database;
import dev.jamra.server.web.BadRequestException;
import dev.jamra.server.web.IsoTime;
import dev.jamra.server.web.NotFoundException;

/**
 * Reading progress of library items: page ranges are checked, a chapter is completed when its last page is
 * reached, and a progress report replaces the chapter's previous one. A change of a chapter's progress is
 * published as {@code library:progress:updated} once committed; a report that changes nothing publishes nothing.
 */
public final class ProgressService {
    private final Database db;
    private final LibraryRepository items;
    private final ProgressRepository progress;
    private final EventPublisher events;
    private final Clock clock;
    // Held from a change's transaction to its publication, so events leave in the order their changes committed.
    private final ReentrantLock commitOrder = new ReentrantLock();

    public ProgressService(Database db, LibraryRepository items, ProgressRepository progress, EventPublisher events,
                           Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.items = Objects.requireNonNull(items, "items");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every chapter's progress of the item, the most recently read first. */
    List<ReadingProgress> all(String libraryId) {
        return db.read(c -> {
            requireItem(c, libraryId);
            return progress.all(c, libraryId);
        });
    }

    ReadingProgress chapter(String libraryId, String chapterId) {
        return db.read(c -> {
            requireItem(c, libraryId);
            return progress.find(c, libraryId, chapterId).orElseThrow(() -> new NotFoundException(
                    "No progress for chapter " + chapterId + " of library item " + libraryId));
        });
    }

    ReadingProgress lastRead(String libraryId) {
        return db.read(c -> {
            requireItem(c, libraryId);
            return progress.lastRead(c, libraryId).orElseThrow(() -> new NotFoundException(
                    "Nothing of library item " + libraryId + " has been read yet"));
        });
    }

    /** Records where the reader is in a chapter; {@code 0 <= pageNumber <= totalPages}. */
    ReadingProgress save(String libraryId, ProgressUpdate update) {
        if (update.pageNumber() < 0) {
            throw BadRequestException.field("pageNumber", "pageNumber must not be negative");
        }
        if (update.totalPages().isPresent()) {
            int totalPages = update.totalPages().get();
            if (totalPages < 1) {
                throw BadRequestException.field("totalPages", "totalPages must be at least 1");
            }
            if (update.pageNumber() > totalPages) {
                throw BadRequestException.field("pageNumber",
                        "pageNumber " + update.pageNumber() + " is past totalPages " + totalPages);
            }
        }
        boolean completed = update.totalPages().map(total -> total == update.pageNumber()).orElse(false);
        commitOrder.lock();
        try {
            Saved saved = db.write(c -> {
                requireItem(c, libraryId);
                Optional<ReadingProgress> before = progress.find(c, libraryId, update.chapterId());
                String id = before.map(ReadingProgress::id).orElseGet(() -> UUID.randomUUID().toString());
                ReadingProgress row = new ReadingProgress(id, libraryId, update.chapterId(), update.chapterNumber(),
                        update.pageNumber(), update.totalPages(), IsoTime.now(clock), completed);
                progress.save(c, row);
                return new Saved(row, before.map(previous -> !samePlace(previous, row)).orElse(true));
            });
            if (saved.changed()) {
                ReadingProgress row = saved.row();
                events.publish(new LibraryProgressUpdated(row.libraryId(), row.chapterId(), row.chapterNumber(),
                        row.pageNumber(), row.totalPages(), row.completed(), row.lastRead().toEpochMilli()));
            }
            return saved.row();
        } finally {
            commitOrder.unlock();
        }
    }

    /** Whether two reports put the reader at the same place; when it was read does not count. */
    private static boolean samePlace(ReadingProgress a, ReadingProgress b) {
        return a.pageNumber() == b.pageNumber() && a.totalPages().equals(b.totalPages())
               && a.chapterNumber().equals(b.chapterNumber()) && a.completed() == b.completed();
    }

    private record Saved(ReadingProgress row, boolean changed) {
    }

    private void requireItem(Connection c, String libraryId) throws SQLException {
        if (!items.exists(c, libraryId)) {
            throw LibraryService.notFound(libraryId);
        }
    }
}
