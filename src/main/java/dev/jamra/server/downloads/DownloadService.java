package dev.jamra.server.downloads;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.events.DownloadCancelled;
import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.Manga;
import dev.jamra.server.sources.PageFetcher;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.IsoTime;
import dev.jamra.server.storage.ServerState;

/**
 * The rules of chapter downloads: what gets queued, what a cancel does, what is reported. The chapters
 * themselves download on {@link DownloadWorkers}, each by a {@link ChapterDownload}. Closing it stops the workers;
 * downloads they were running resume at the next start.
 */
public final class DownloadService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DownloadService.class.getName());
    static final int MAX_CHAPTERS_PER_REQUEST = 1_000;
    /** A cancelled run stops within one interrupt; this only bounds a stuck one. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

    private final Database db;
    private final DownloadRepository repository;
    private final DownloadFiles files;
    private final DownloadWorkers workers;
    private final ChapterDownload chapterDownload;
    private final LibraryItemLookup library;
    private final SourceRegistry sources;
    private final EventPublisher events;
    private final Clock clock;
    // Held across each cancel's database change and signal to the run, so that a run finding its download gone
    // knows whether a cancel reached it first (then the cancel reports) or none did (then the run reports).
    private final ReentrantLock cancelling = new ReentrantLock();

    private DownloadService(Database db, DownloadRepository repository, DownloadFiles files, DownloadSettings settings,
                            LibraryItemLookup library, SourceRegistry sources, PageFetcher fetcher,
                            EventPublisher events, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.files = files;
        this.library = library;
        this.sources = sources;
        this.events = events;
        this.clock = clock;
        this.workers = new DownloadWorkers(settings.concurrency(), this::runChapter, this::reportCancelled);
        this.chapterDownload = new ChapterDownload(db, repository, files, sources, fetcher, settings, events, clock,
                workers::stopping, this::reportIfRemoved, cancelling);
    }

    /**
     * Creates the service and starts its workers, first queuing again the downloads a stopped server left
     * running and sweeping the downloads folder of what no download keeps.
     *
     * @param downloadsDir where page files go ({@code <data dir>/downloads})
     */
    public static DownloadService start(DownloadSettings settings, Database database, Path downloadsDir,
                                        LibraryItemLookup library, SourceRegistry sources, PageFetcher fetcher,
                                        EventPublisher events, Clock clock) {
        DownloadRepository repository = new DownloadRepository();
        DownloadFiles files = new DownloadFiles(downloadsDir);
        DownloadService service = new DownloadService(database, repository, files, settings, library, sources,
                fetcher, events, clock);
        List<String> queued = database.write(repository::requeueInterrupted);
        adoptFolders(database, repository, files);
        files.sweep(database.read(repository::idsKeepingFiles));
        queued.forEach(service.workers::submit);
        service.workers.start();
        if (!queued.isEmpty()) {
            LOG.log(Level.INFO, () -> queued.size() + " download(s) queued from before the last stop");
        }
        return service;
    }

    /**
     * Once after an upgrade or an import, adopts the download folders that have no ownership marker and hold only
     * their recorded pages (see {@link DownloadFolders}); the flag goes once they were looked at.
     */
    private static void adoptFolders(Database database, DownloadRepository repository, DownloadFiles files) {
        if (!database.read(ServerState.DOWNLOAD_FOLDERS_TO_ADOPT::isSet)) {
            return;
        }
        files.adopt(database.read(repository::recordedFilesOfKept));
        database.write(c -> {
            ServerState.DOWNLOAD_FOLDERS_TO_ADOPT.clear(c);
            return null;
        });
    }

    /** A request to download chapters of a library item. */
    public record DownloadRequest(String libraryId, String extensionId, List<String> chapterIds,
                                  Map<String, String> chapterNumbers) {
        public DownloadRequest {
            Objects.requireNonNull(libraryId, "libraryId");
            Objects.requireNonNull(extensionId, "extensionId");
            chapterIds = List.copyOf(new LinkedHashSet<>(chapterIds));
            chapterNumbers = Map.copyOf(chapterNumbers);
        }
    }

    /** A download with its stored pages. */
    public record DownloadDetails(Download download, List<DownloadedPage> pages) {
    }

    /**
     * A completed download's page files, in page order (the first is page 1).
     *
     * @param chapterNumber the chapter's number when it was queued, {@code null} when unknown
     */
    public record DownloadedChapter(String downloadId, String chapterNumber, List<Path> pageFiles) {
    }

    /**
     * Queues chapters of a library item. The item must exist and belong to {@code extensionId}, and the chapters
     * must be chapters of its manga in that source. A chapter already queued, running or completed is skipped;
     * a failed or cancelled one is queued afresh (same id).
     *
     * @return the downloads queued now
     */
    public List<Download> enqueue(DownloadRequest request) {
        if (request.chapterIds().isEmpty()) {
            throw ServiceException.Invalid.field("chapterIds", "chapterIds must name at least one chapter");
        }
        if (request.chapterIds().size() > MAX_CHAPTERS_PER_REQUEST) {
            throw ServiceException.Invalid.field("chapterIds", "At most " + MAX_CHAPTERS_PER_REQUEST
                                                               + " chapters per request");
        }
        LibraryItemRef item = library.find(request.libraryId())
                .orElseThrow(() -> ServiceException.Invalid.field("libraryId",
                        "Unknown library item " + request.libraryId()));
        if (!item.extensionId().equals(request.extensionId())) {
            throw ServiceException.Invalid.field("extensionId", "Library item " + item.id() + " comes from source "
                    + item.extensionId() + ", not " + request.extensionId());
        }
        Map<String, Chapter> chapters = mangaOf(item).chapters().stream()
                .collect(Collectors.toMap(Chapter::id, Function.identity(), (a, b) -> a));
        List<String> unknown = request.chapterIds().stream().filter(id -> !chapters.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw new ServiceException.Invalid("Not chapters of manga " + item.mangaId() + ": "
                                               + String.join(", ", unknown),
                    Map.of("field", "chapterIds", "unknown", unknown));
        }
        List<DownloadRepository.ChapterRequest> wanted = new ArrayList<>();
        for (String chapterId : request.chapterIds()) {
            String number = request.chapterNumbers().getOrDefault(chapterId, chapters.get(chapterId).number());
            wanted.add(new DownloadRepository.ChapterRequest(chapterId, number));
        }
        return queue(item, wanted);
    }

    /**
     * Queues chapters of a library item that its source has just listed, such as those a library update check
     * found new, without asking the source again: the rules of {@link #enqueue} otherwise, so a chapter already
     * queued, running or downloaded whole is skipped.
     *
     * @return the downloads queued now; none when the item is gone
     */
    public List<Download> enqueueListed(LibraryItemRef item, List<Chapter> chapters) {
        List<DownloadRepository.ChapterRequest> wanted = chapters.stream()
                .map(chapter -> new DownloadRepository.ChapterRequest(chapter.id(), chapter.number()))
                .toList();
        try {
            return wanted.isEmpty() ? List.of() : queue(item, wanted);
        } catch (ServiceException.Invalid gone) {
            return List.of();  // the item was removed meanwhile
        }
    }

    private List<Download> queue(LibraryItemRef item, List<DownloadRepository.ChapterRequest> wanted) {
        Instant now = IsoTime.now(clock);
        List<Download> queued = db.write(c -> repository.enqueue(c, item, wanted, now, this::intact));
        // Not their folders: the worker claiming each clears it, and may have claimed one already (an earlier entry).
        queued.forEach(download -> workers.submit(download.id()));
        return queued;
    }

    /** Downloads, newest first. */
    public List<Download> list(DownloadStatus status, String libraryId, String extensionId) {
        return db.read(c -> repository.list(c, new DownloadRepository.Filter(status, libraryId, extensionId)));
    }

    public DownloadDetails details(String downloadId) {
        Download download = db.read(c -> repository.find(c, downloadId))
                .orElseThrow(() -> new ServiceException.NotFound("No download " + downloadId));
        return new DownloadDetails(download, db.read(c -> repository.pages(c, downloadId)));
    }

    public DownloadStats stats() {
        return db.read(repository::stats);
    }

    /**
     * Cancels a queued or running download: a running one stops within the page it is fetching. Its files are
     * deleted and {@code download:cancelled} published, and its worker takes the next queued chapter.
     * Cancelling a cancelled download does nothing; a completed or failed one cannot be cancelled.
     */
    public void cancel(String downloadId) {
        Cancel cancel = markCancelled(downloadId);
        Download before = cancel.before().orElseThrow(() -> new ServiceException.NotFound("No download " + downloadId));
        switch (before.status()) {
            case CANCELLED -> {
                // already done
            }
            case COMPLETED, FAILED -> throw new ServiceException.Invalid("Download " + downloadId + " is "
                    + before.status().wireName() + "; only queued or running downloads can be cancelled");
            case QUEUED, DOWNLOADING -> awaitCancelled(before, cancel.reportingRun());
        }
    }

    /**
     * Cancels every queued or running download of a library item, deletes all its downloads and their files.
     * The library calls it before it deletes the item, outside any database transaction of its own (it waits for
     * running downloads to stop, and they write to the database as they stop).
     */
    public void removeAllFor(String libraryId) {
        for (Download download : db.read(c -> repository.listFor(c, libraryId))) {
            if (download.status().active()) {
                Cancel cancel = markCancelled(download.id());
                cancel.before()
                        .filter(before -> before.status().active())
                        .ifPresent(before -> awaitCancelled(before, cancel.reportingRun()));
            }
        }
        db.write(c -> repository.deleteAllFor(c, libraryId)).forEach(files::delete);
    }

    /**
     * The page files of a chapter of a library item, when it is downloaded and every page is on disk, whole. A page
     * file missing or of another size than recorded (a disk problem, someone's hands) makes the chapter count as not
     * downloaded: it is served from its source, reported in the log, and queuing it again fetches what is missing.
     */
    public Optional<DownloadedChapter> downloadedChapter(String libraryId, String chapterId) {
        Optional<Download> download = db.read(c -> repository.findByChapter(c, libraryId, chapterId))
                .filter(found -> found.status() == DownloadStatus.COMPLETED);
        if (download.isEmpty()) {
            return Optional.empty();
        }
        List<Path> pageFiles = new ArrayList<>();
        for (DownloadedPage page : db.read(c -> repository.pages(c, download.get().id()))) {
            Optional<Path> file = files.wholeFile(page);
            if (file.isEmpty() || page.pageNumber() != pageFiles.size() + 1) {
                LOG.log(Level.WARNING, "Download " + download.get().id() + " misses page " + (pageFiles.size() + 1)
                                       + " on disk, or it is damaged; serving the chapter from its source until it"
                                       + " is queued again");
                return Optional.empty();
            }
            pageFiles.add(file.get());
        }
        return Optional.of(new DownloadedChapter(download.get().id(), download.get().chapterNumber(), pageFiles));
    }

    /** Whether a completed download's pages are all on disk, whole: else queuing it again repairs it. */
    private boolean intact(Download download, List<DownloadedPage> pages) {
        for (int i = 0; i < pages.size(); i++) {
            if (pages.get(i).pageNumber() != i + 1 || !files.holds(pages.get(i))) {
                return false;
            }
        }
        return download.totalPages() == null || download.totalPages() == pages.size();
    }

    /** Stops the workers; running downloads stay {@code downloading} and resume at the next start. */
    @Override
    public void close() {
        workers.close();
    }

    private void runChapter(RunningDownload run) {
        chapterDownload.run(run);
    }

    private Manga mangaOf(LibraryItemRef item) {
        try {
            return sources.call(item.extensionId(), source -> source.manga(item.mangaId()));
        } catch (ServiceException.NotFound e) {
            throw ServiceException.Invalid.field("libraryId",
                    "The library item's manga cannot be found: " + e.getMessage());
        }
    }

    /**
     * A cancel's steps, the database change and the signal to the download's run or, when no run reports it, the
     * deletion of its files and {@code download:cancelled}, as one with respect to {@link #reportIfRemoved} and to
     * a run claiming the download (queued again at once, it starts only after this cancel is reported).
     *
     * @param before       the download before the cancel, empty when unknown
     * @param reportingRun the run when it reports the cancel itself
     */
    private record Cancel(Optional<Download> before, Optional<RunningDownload> reportingRun) {
    }

    private Cancel markCancelled(String downloadId) {
        cancelling.lock();
        try {
            Optional<Download> before = db.write(c -> repository.cancel(c, downloadId));
            boolean stopped = before.map(download -> download.status().active()).orElse(false);
            Optional<RunningDownload> reportingRun = stopped ? workers.cancel(downloadId) : Optional.empty();
            if (stopped && reportingRun.isEmpty()) {
                Download download = before.get();
                files.delete(download.id());
                LOG.log(Level.INFO, () -> "Download " + download.id() + " cancelled");
                events.publish(new DownloadCancelled(download.id(), download.chapterId(), clock.millis()));
            }
            return new Cancel(before, reportingRun);
        } finally {
            cancelling.unlock();
        }
    }

    /** Returns once a cancel begun by {@link #markCancelled} is over: its files gone and the cancel published. */
    private void awaitCancelled(Download download, Optional<RunningDownload> reportingRun) {
        if (reportingRun.isEmpty()) {
            return;
        }
        try {
            if (!reportingRun.get().awaitDone(CANCEL_WAIT)) {
                LOG.log(Level.WARNING, "Download " + download.id() + " did not stop within " + CANCEL_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Called by a run whose download stopped running under it. When the row is gone and no cancel reached the run
     * (its library item was deleted while the chapter was being queued, so no cancel ever will), the run takes the
     * cancel over and reports it as it ends: a chapter that published {@code download:started} always gets an end.
     */
    private void reportIfRemoved(RunningDownload run) {
        cancelling.lock();
        try {
            if (db.read(c -> repository.find(c, run.downloadId())).isEmpty()) {
                run.cancelForRemoval();
            }
        } finally {
            cancelling.unlock();
        }
    }

    /** Reports a cancel on the worker that ran the download, before it takes the next one. */
    private void reportCancelled(RunningDownload run) {
        files.delete(run.downloadId());
        LOG.log(Level.INFO, () -> "Download " + run.downloadId() + " cancelled");
        events.publish(new DownloadCancelled(run.downloadId(), run.chapterId(), clock.millis()));
    }
}
