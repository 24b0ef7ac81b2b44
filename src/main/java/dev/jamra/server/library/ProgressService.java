package dev.jamra.server.library;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.events.LibraryProgressUpdated;
import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.IsoTime;

/**
 * Reading progress of library items, one row per chapter. Pages are numbered from 1, as the reader numbers them;
 * a chapter is completed on its last page. A client's report replaces the chapter's progress; a page served by the
 * reader only moves it forward. Either way the item counts as just updated (see {@link LibraryService#readAt}).
 * A change of a chapter's progress is published as {@code library:progress:updated} once committed; a report that
 * changes nothing publishes nothing. Each stored progress then tells the {@link ChapterOpenedListener}s that the
 * chapter was opened.
 */
public final class ProgressService {
    private static final System.Logger LOG = System.getLogger(ProgressService.class.getName());

    private final Database db;
    private final LibraryRepository items;
    private final ProgressRepository progress;
    private final LibraryService library;
    private final EventPublisher events;
    private final Clock clock;
    // Held from a change's transaction to its publication, so events leave in the order their changes committed.
    private final ReentrantLock commitOrder = new ReentrantLock();
    private final List<ChapterOpenedListener> openedListeners = new CopyOnWriteArrayList<>();

    public ProgressService(Database db, LibraryRepository items, ProgressRepository progress, LibraryService library,
                           EventPublisher events, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.items = Objects.requireNonNull(items, "items");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.library = Objects.requireNonNull(library, "library");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Tells {@code listener} of every chapter opened from now on, after those registered earlier. */
    public void onChapterOpened(ChapterOpenedListener listener) {
        openedListeners.add(Objects.requireNonNull(listener, "listener"));
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
            return progress.find(c, libraryId, chapterId).orElseThrow(() -> new ServiceException.NotFound(
                    "No progress for chapter " + chapterId + " of library item " + libraryId));
        });
    }

    /** The chapter of the item read most recently; empty when nothing of it has been read yet. */
    Optional<ReadingProgress> lastRead(String libraryId) {
        // Home asks for one per item it shows, all at once: one statement, no transaction
        return db.query(c -> progress.latest(c, libraryId))
                .orElseThrow(() -> LibraryService.notFound(libraryId))
                .progress();
    }

    /** Records where the reader is in a chapter; {@code 0 <= pageNumber <= totalPages}. */
    ReadingProgress save(String libraryId, ProgressUpdate update) {
        if (update.pageNumber() < 0) {
            throw ServiceException.Invalid.field("pageNumber", "pageNumber must not be negative");
        }
        if (update.totalPages().isPresent()) {
            int totalPages = update.totalPages().get();
            if (totalPages < 1) {
                throw ServiceException.Invalid.field("totalPages", "totalPages must be at least 1");
            }
            if (update.pageNumber() > totalPages) {
                throw ServiceException.Invalid.field("pageNumber",
                        "pageNumber " + update.pageNumber() + " is past totalPages " + totalPages);
            }
        }
        boolean completed = update.totalPages().map(total -> completed(update.pageNumber(), total)).orElse(false);
        return store(libraryId, update.chapterId(), (stored, now) -> new ReadingProgress(idOf(stored), libraryId,
                update.chapterId(), update.chapterNumber(), update.pageNumber(), update.totalPages(), now, completed));
    }

    /**
     * Records that the reader served page {@code pageNumber} of {@code totalPages} of a chapter. The reader loads a
     * chapter's pages all at once and in any order, so the furthest page counts: an earlier page leaves the page
     * where it was, but the chapter still becomes the item's most recently read one.
     *
     * @param chapterNumber asked only when no progress of the chapter knows it, since it may cost a source call
     * @throws dev.jamra.server.errors.ServiceException.NotFound when the item is gone
     */
    public ReadingProgress recordPageRead(String libraryId, String chapterId, int pageNumber, int totalPages,
                                          Supplier<Optional<String>> chapterNumber) {
        if (totalPages < 1 || pageNumber < 1 || pageNumber > totalPages) {
            throw new IllegalArgumentException("page " + pageNumber + " of " + totalPages);
        }
        Optional<String> number = db.read(c -> progress.find(c, libraryId, chapterId))
                .flatMap(ReadingProgress::chapterNumber)
                .or(chapterNumber);
        return store(libraryId, chapterId, (stored, now) -> {
            // the furthest page, within the chapter as it is now (a source may have fewer pages than before)
            int page = Math.min(totalPages, Math.max(pageNumber, stored.map(ReadingProgress::pageNumber).orElse(0)));
            return new ReadingProgress(idOf(stored), libraryId, chapterId,
                    number.or(() -> stored.flatMap(ReadingProgress::chapterNumber)), page, Optional.of(totalPages),
                    now, completed(page, totalPages));
        });
    }

    /** The original server's rule, {@code pageNumber >= totalPages - 1}, was for pages counted from 0. */
    static boolean completed(int pageNumber, int totalPages) {
        return pageNumber >= totalPages;
    }

    /**
     * Replaces a chapter's progress with what {@code next} makes of the stored row, in one transaction, publishes
     * the change when there is one, marks the item as just updated and tells the listeners the chapter was opened.
     * Every progress change goes through here.
     */
    private ReadingProgress store(String libraryId, String chapterId,
                                  BiFunction<Optional<ReadingProgress>, Instant, ReadingProgress> next) {
        Instant now = IsoTime.now(clock);
        ReadingProgress row;
        commitOrder.lock();
        try {
            Saved saved = db.write(c -> {
                requireItem(c, libraryId);
                Optional<ReadingProgress> before = progress.find(c, libraryId, chapterId);
                ReadingProgress changed = next.apply(before, now);
                progress.save(c, changed);
                return new Saved(changed, before.map(previous -> !samePlace(previous, changed)).orElse(true));
            });
            row = saved.row();
            if (saved.changed()) {
                events.publish(new LibraryProgressUpdated(row.libraryId(), row.chapterId(), row.chapterNumber(),
                        row.pageNumber(), row.totalPages(), row.completed(), row.lastRead().toEpochMilli()));
            }
        } finally {
            commitOrder.unlock();
        }
        library.readAt(libraryId, now);
        for (ChapterOpenedListener listener : openedListeners) {
            try {
                listener.opened(libraryId, chapterId);
            } catch (RuntimeException e) {
                // the progress is stored: what another feature makes of the opening must not undo the answer
                LOG.log(Level.WARNING, "Could not handle the opening of chapter " + chapterId + " of library item "
                                       + libraryId, e);
            }
        }
        return row;
    }

    /** Whether two rows put the reader at the same place; when it was read does not count. */
    private static boolean samePlace(ReadingProgress a, ReadingProgress b) {
        return a.pageNumber() == b.pageNumber() && a.totalPages().equals(b.totalPages())
               && a.chapterNumber().equals(b.chapterNumber()) && a.completed() == b.completed();
    }

    private record Saved(ReadingProgress row, boolean changed) {
    }

    private static String idOf(Optional<ReadingProgress> stored) {
        return stored.map(ReadingProgress::id).orElseGet(() -> UUID.randomUUID().toString());
    }

    private void requireItem(Connection c, String libraryId) throws SQLException {
        if (!items.exists(c, libraryId)) {
            throw LibraryService.notFound(libraryId);
        }
    }
}
