package dev.jamra.server.updates;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.events.LibraryChaptersNew;
import dev.jamra.server.events.LibraryUpdateProgress;
import dev.jamra.server.events.MangaUpdated;
import dev.jamra.server.library.LibraryItem;
import dev.jamra.server.library.LibraryService;
import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.SourceException;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.IsoTime;

/**
 * The work of one check for new chapters: library items one after another, each through its own source, with at
 * most one source call in flight and the calls to a source {@link SourcePacing paced}. An item's result commits in
 * one transaction with the check's count, then its events go out and its new chapters are queued for download
 * when the settings say so. An item that cannot be checked is recorded as an error; the check goes on.
 */
final class UpdateCheck {
    private static final System.Logger LOG = System.getLogger(UpdateCheck.class.getName());
    /** What the errors list says of a failure that is a bug, not the source's: the details go to the log. */
    static final String UNEXPECTED_FAILURE = "Checking failed; the server log says why";

    private final Database db;
    private final UpdateRepository rows;
    private final LibraryService library;
    private final SourceRegistry sources;
    private final SourcePacing pacing;
    private final AutoDownload autoDownload;
    private final NewChapterDownloads downloads;
    private final EventPublisher events;
    private final Clock clock;

    UpdateCheck(Database db, UpdateRepository rows, LibraryService library, SourceRegistry sources,
                SourcePacing pacing, AutoDownload autoDownload, NewChapterDownloads downloads, EventPublisher events,
                Clock clock) {
        this.db = db;
        this.rows = rows;
        this.library = library;
        this.sources = sources;
        this.pacing = pacing;
        this.autoDownload = autoDownload;
        this.downloads = downloads;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Checks {@code items} in order, publishing the progress after each; stops between two items (or during one,
     * which then stays unchecked) once {@code stopping} says so.
     */
    void run(List<LibraryItem> items, BooleanSupplier stopping) {
        int checked = 0;
        for (LibraryItem item : items) {
            if (stopping.getAsBoolean() || !checkItem(item, stopping)) {
                return;
            }
            checked++;
            events.publish(new LibraryUpdateProgress(true, checked, items.size(), clock.millis()));
        }
    }

    /** What a check of one item stored: the chapters it found new, and when. */
    private record Found(List<Chapter> chapters, Instant at) {
    }

    /** @return false when the check was stopped during the item */
    private boolean checkItem(LibraryItem item, BooleanSupplier stopping) {
        Found found;
        try {
            found = store(item, latestChapters(item));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ServiceException e) {
            if (stopping.getAsBoolean()) {
                return false;  // the source call was cut short by the stop, not by the source
            }
            recordError(item, e.getMessage());
            return true;
        } catch (RuntimeException e) {
            // a bug or a broken database: this item is lost for this check, the next items still get theirs
            LOG.log(Level.WARNING, "Checking library item " + item.id() + " for new chapters failed", e);
            recordError(item, UNEXPECTED_FAILURE);
            return true;
        }
        if (!found.chapters().isEmpty()) {
            announce(item, found);
        }
        return true;
    }

    /**
     * The source's chapters now, after the source's turn has come; any failure of the source, a chapter without an
     * id among them, is a service one.
     */
    private List<Chapter> latestChapters(LibraryItem item) throws InterruptedException {
        Duration interval = sources.call(item.extensionId(), MangaSource::requestInterval);
        pacing.awaitTurn(item.extensionId(), interval);
        return sources.call(item.extensionId(), source -> {
            List<Chapter> chapters = List.copyOf(source.latestChapters(item.mangaId()));
            if (chapters.stream().anyMatch(chapter -> chapter.id().isEmpty())) {
                throw new SourceException("Source " + item.extensionId() + " listed a chapter without an id");
            }
            return chapters;
        });
    }

    /** Records what the source listed, and counts the item checked, in one transaction. */
    private Found store(LibraryItem item, List<Chapter> chapters) {
        Instant now = IsoTime.now(clock);
        return db.write(c -> {
            List<Chapter> fresh = rows.record(c, item.id(), chapters, now);
            rows.itemChecked(c, Optional.empty());
            return new Found(fresh, now);
        });
    }

    private void recordError(LibraryItem item, String message) {
        try {
            db.write(c -> {
                rows.itemChecked(c, Optional.of(new CheckError(item.id(), item.title(), message)));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record that library item " + item.id() + " failed its check", e);
        }
    }

    /**
     * Tells clients, in this order: the chapters ({@code library:chapters:new}), the item's new count
     * ({@code library:item:updated}), the manga's chapter list ({@code manga:updated}); then queues the chapters.
     * The item's result is stored already: a failure here costs only these events or downloads, never the check.
     */
    private void announce(LibraryItem item, Found found) {
        try {
            long at = found.at().toEpochMilli();
            events.publish(new LibraryChaptersNew(item.id(), item.mangaId(), item.extensionId(), item.title(),
                    found.chapters().stream().map(chapter -> new LibraryChaptersNew.NewChapter(chapter.id(),
                            chapter.number(), Optional.ofNullable(chapter.title()))).toList(), at));
            library.announceNewChapters(item.id());
            events.publish(MangaUpdated.chapters(item.mangaId(), at));
            if (autoDownload.covers(item)) {
                downloads.queue(item, found.chapters());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not announce or queue the new chapters of library item " + item.id(), e);
        }
    }
}
