package dev.jamra.server.updates;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.jamra.server.events.BroadcastEvent;
import dev.jamra.server.events.LibraryChaptersNew;
import dev.jamra.server.events.LibraryItemUpdated;
import dev.jamra.server.events.LibraryUpdateProgress;
import dev.jamra.server.events.MangaUpdated;
import dev.jamra.server.library.LibraryItem;
import dev.jamra.server.library.LibraryRepository;
import dev.jamra.server.library.LibraryService;
import dev.jamra.server.library.LibraryStatus;
import dev.jamra.server.library.ProgressRepository;
import dev.jamra.server.library.ProgressService;
import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.Sql;
import dev.jamra.server.testing.Await;
import dev.jamra.server.testing.TestConfig;

/**
 * Library updates wired as {@code Main} wires them, without a web server: a real database in a fresh folder, the
 * real library service, a {@link ScriptedSource} as source {@code scripted}, every published event and every
 * download queued recorded.
 */
final class UpdateFixture implements AutoCloseable {
    static final String SOURCE = "scripted";

    final Database db = Database.open(TestConfig.newDataDir());
    final UpdateRepository rows = new UpdateRepository();
    final List<BroadcastEvent> events = new CopyOnWriteArrayList<>();
    /** A manga whose new chapters cannot be published, as if the channel failed; {@code null} for none. */
    private volatile String unannounced;
    final LibraryService library = new LibraryService(db, new LibraryRepository(), rows,
            this::publish, Clock.systemUTC());
    final ScriptedSource source = new ScriptedSource(SOURCE);
    final SourceRegistry sources = new SourceRegistry(List.of(source));
    /** Queued downloads as {@code libraryId/chapterId}. */
    final List<String> queued = new CopyOnWriteArrayList<>();
    private volatile RuntimeException queueFailure;

    private void publish(BroadcastEvent event) {
        if (event instanceof LibraryChaptersNew found && found.mangaId().equals(unannounced)) {
            throw new IllegalStateException("the channel is gone");
        }
        events.add(event);
    }

    /** Publishing the new chapters of manga {@code mangaId} fails from now on. */
    void failAnnouncing(String mangaId) {
        this.unannounced = mangaId;
    }

    /** The service as the server starts it, with {@code autoDownload}. */
    LibraryUpdates start(AutoDownload autoDownload) {
        return LibraryUpdates.start(new UpdateSettings(java.time.Duration.ZERO, autoDownload), db, rows, library,
                sources, this::queue, this::publish, Clock.systemUTC());
    }

    private void queue(LibraryItem item, List<Chapter> chapters) {
        if (queueFailure != null) {
            throw queueFailure;
        }
        chapters.forEach(chapter -> queued.add(item.id() + "/" + chapter.id()));
    }

    void failQueuing(RuntimeException failure) {
        this.queueFailure = failure;
    }

    /** Adds a library item of manga {@code mangaId} of the scripted source, with id {@code lib-<mangaId>}. */
    LibraryItem item(String mangaId, LibraryStatus status, boolean favorite) {
        return item(mangaId, SOURCE, status, favorite);
    }

    LibraryItem item(String mangaId) {
        return item(mangaId, LibraryStatus.READING, false);
    }

    LibraryItem item(String mangaId, String extensionId, LibraryStatus status, boolean favorite) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LibraryItem item = new LibraryItem("lib-" + mangaId, mangaId, extensionId, "Title " + mangaId,
                Optional.empty(), status, favorite, now, now);
        db.write(c -> {
            new LibraryRepository().insert(c, item);
            return null;
        });
        return item;
    }

    /**
     * A library item of manga {@code mangaId}, whose source has {@code chapters}, checked once: from now on, a chapter
     * added to the source is new.
     */
    LibraryItem checked(LibraryUpdates updates, String mangaId, String... chapters) {
        source.add(mangaId, chapters);
        LibraryItem item = item(mangaId);
        checkAndWait(updates);
        return item;
    }

    /** Reading progress as the server records it, publishing into {@link #events}. */
    ProgressService progress() {
        return new ProgressService(db, new LibraryRepository(), new ProgressRepository(), library, events::add,
                Clock.systemUTC());
    }

    void delete(LibraryItem item) {
        db.write(c -> Sql.update(c, "DELETE FROM library_items WHERE id = ?", item.id()));
    }

    /** Starts a check and waits until it is over: stored so, and its last report published. */
    CheckStatus checkAndWait(LibraryUpdates updates) {
        updates.check();
        return awaitOver(updates);
    }

    /** Waits until the running check is over: stored so, and its last report published. */
    CheckStatus awaitOver(LibraryUpdates updates) {
        return awaitOver(updates, Await.TIMEOUT);
    }

    CheckStatus awaitOver(LibraryUpdates updates, java.time.Duration timeout) {
        Await.until(() -> !updates.status().running() && lastReportSaysOver(), timeout, "the check is over");
        return updates.status();
    }

    private boolean lastReportSaysOver() {
        List<LibraryUpdateProgress> reports = events.stream().filter(LibraryUpdateProgress.class::isInstance)
                .map(LibraryUpdateProgress.class::cast).toList();
        return !reports.isEmpty() && !reports.getLast().running();
    }

    int newChapters(LibraryItem item) {
        return db.read(c -> rows.newChapterCount(c, item.id()));
    }

    /** The counts of those of {@code ids} that have new chapters. */
    Map<String, Integer> newChapters(List<String> ids) {
        Map<String, Integer> all = db.read(rows::newChapterCounts);
        return ids.stream().filter(all::containsKey).collect(Collectors.toMap(Function.identity(), all::get));
    }

    /** The events so far, each as a short line: what a test compares. */
    List<String> eventLines() {
        return events.stream().map(UpdateFixture::line).toList();
    }

    static String line(BroadcastEvent event) {
        return switch (event) {
            case LibraryUpdateProgress p -> "progress " + p.running() + " " + p.checked() + "/" + p.total();
            case LibraryChaptersNew n -> "new " + n.libraryId() + " " + n.chapters().stream()
                    .map(LibraryChaptersNew.NewChapter::id).toList();
            case LibraryItemUpdated u -> "updated " + u.item().libraryId() + " " + u.changes().newChapters()
                    .map(count -> "newChapters=" + count).orElse(u.changes().toString());
            case MangaUpdated m -> "manga " + m.mangaId() + " " + m.changes();
            default -> event.name();
        };
    }

    @Override
    public void close() {
        db.close();
    }
}
