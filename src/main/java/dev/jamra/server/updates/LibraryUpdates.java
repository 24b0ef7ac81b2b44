package dev.jamra.server.updates;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.events.LibraryUpdateProgress;
import dev.jamra.server.library.LibraryItem;
import dev.jamra.server.library.LibraryService;
import dev.jamra.server.library.LibraryStatus;
import dev.jamra.server.sources.SourceCalls;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.IsoTime;

/**
 * Library updates: checks of the library's items for new chapters, one at a time, on demand or on
 * {@link UpdateSchedule}'s beat; their state and feed; the new chapters that opening one takes off. Each check runs
 * on a thread of its own, which {@link #close()} stops between two items (a check cut short keeps what it found).
 */
public final class LibraryUpdates implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LibraryUpdates.class.getName());
    /** A check stops within one source call; this only bounds a stuck one. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** Feed entries per page when no {@code limit} is asked, and the most served. */
    static final int DEFAULT_FEED_LIMIT = 50;
    static final int MAX_FEED_LIMIT = 500;

    private final Database db;
    private final UpdateRepository rows;
    private final LibraryService library;
    private final UpdateCheck work;
    private final EventPublisher events;
    private final Clock clock;
    /** The thread of the running check, {@code null} when none runs; guarded by this. */
    private Thread running;
    private volatile boolean closed;

    LibraryUpdates(Database db, UpdateRepository rows, LibraryService library, UpdateCheck work,
                   EventPublisher events, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.rows = Objects.requireNonNull(rows, "rows");
        this.library = Objects.requireNonNull(library, "library");
        this.work = Objects.requireNonNull(work, "work");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The library updates of the server, after closing the check a stopped server left running: it ends at this
     * start with the items it had checked, and what it found stays found.
     */
    public static LibraryUpdates start(UpdateSettings settings, Database db, UpdateRepository rows,
                                       LibraryService library, SourceRegistry sources, NewChapterDownloads downloads,
                                       EventPublisher events, Clock clock) {
        // its state says so: running false, checked below total
        db.write(c -> {
            rows.finishCheck(c, IsoTime.now(clock));
            return null;
        });
        UpdateCheck work = new UpdateCheck(db, rows, library, sources, SourcePacing.system(),
                settings.autoDownload(), downloads, events, clock);
        return new LibraryUpdates(db, rows, library, work, events, clock);
    }

    /**
     * Starts a check of every library item that is not completed or dropped, unless one runs; either way answers
     * the state of the check that runs now. After {@link #close()}, starts nothing.
     */
    public synchronized CheckStatus check() {
        if (running == null && !closed) {
            List<LibraryItem> items = library.all().stream().filter(LibraryUpdates::followed).toList();
            Instant now = IsoTime.now(clock);
            db.write(c -> {
                rows.startCheck(c, items.size(), now);
                return null;
            });
            events.publish(new LibraryUpdateProgress(true, 0, items.size(), now.toEpochMilli()));
            // the check's end waits for this monitor, so it cannot clear running before it is set
            running = Thread.ofVirtual().name("library-update-check").start(() -> run(items));
        }
        return status();
    }

    /**
     * The state of the running check, or of the last one. Read under the monitor that a check's end holds from its
     * write to its last report: whoever sees a check over can count on its last report being out.
     */
    synchronized CheckStatus status() {
        return db.read(rows::status);
    }

    /** The chapters checks found, the latest first. */
    public FeedPage feed(int limit, int offset) {
        return db.read(c -> new FeedPage(rows.feed(c, limit, offset), rows.feedSize(c), limit, offset));
    }

    /**
     * A chapter was opened (a page read, a progress report): if it was new, it is new no more, and clients hear the
     * item's new count. Called for every page the reader serves, so it only reads unless there is something to do.
     */
    public void chapterOpened(String libraryId, String chapterId) {
        if (db.read(c -> rows.isNew(c, libraryId, chapterId))
            && db.write(c -> rows.markOpened(c, libraryId, chapterId, IsoTime.now(clock)))) {
            library.announceNewChapters(libraryId);
        }
    }

    /** Items whose new chapters are looked for: every one the reader has not completed or dropped. */
    static boolean followed(LibraryItem item) {
        return item.status() != LibraryStatus.COMPLETED && item.status() != LibraryStatus.DROPPED;
    }

    private void run(List<LibraryItem> items) {
        // no person waits on a check: a source may let it wait its turn rather than refuse it as busy
        SourceCalls.markBackground();
        try {
            work.run(items, () -> closed || Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();  // a stop's interrupt has done its work; the end must still reach the database
            finish(items.size());
        }
    }

    /** Ends the check: its state says so, the last progress report too, and another check may start. */
    private synchronized void finish(int total) {
        try {
            Instant now = IsoTime.now(clock);
            db.write(c -> {
                rows.finishCheck(c, now);
                return null;
            });
            events.publish(new LibraryUpdateProgress(false, status().checked(), total, now.toEpochMilli()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the end of the check for new chapters", e);
        } finally {
            running = null;
        }
    }

    /** Stops the running check, if any, between two items or during a source call, and waits for it to end. */
    @Override
    public void close() {
        Thread check;
        synchronized (this) {
            closed = true;
            check = running;
        }
        if (check == null) {
            return;
        }
        check.interrupt();
        try {
            if (!check.join(STOP_WAIT)) {
                LOG.log(Level.WARNING, "The check for new chapters did not stop within " + STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
