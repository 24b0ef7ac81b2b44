package dev.jamra.server.downloads;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.Manga;
import dev.jamra.server.sources.PageFetcher;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.ServerState;

/**
 * The rules of chapter downloads: what gets queued, what can be cancelled, what is reported. The chapters
 * themselves download in {@link DownloadRuns}, which owns each run's life and its cancel. Closing it stops the
 * runs; downloads they were running resume at the next start.
 */
public final class DownloadService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DownloadService.class.getName());
    static final int MAX_CHAPTERS_PER_REQUEST = 1_000;

    private final DownloadStore store;
    private final DownloadRuns runs;
    private final LibraryItemLookup library;
    private final SourceRegistry sources;

    private DownloadService(DownloadStore store, DownloadRuns runs, LibraryItemLookup library,
                            SourceRegistry sources) {
        this.store = store;
        this.runs = runs;
        this.library = library;
        this.sources = sources;
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
        DownloadStore store = new DownloadStore(database, new DownloadRepository(), new DownloadFiles(downloadsDir),
                clock);
        DownloadEvents downloadEvents = new DownloadEvents(events, clock);
        ChapterDownload chapters = new ChapterDownload(store, new PageSupply(sources, fetcher, settings),
                downloadEvents);
        DownloadRuns runs = new DownloadRuns(store, downloadEvents, chapters, settings.concurrency());
        List<String> queued = database.write(store.rows()::requeueInterrupted);
        adoptFolders(store);
        store.files().sweep(database.read(store.rows()::idsKeepingFiles));
        queued.forEach(runs::submit);
        runs.start();
        if (!queued.isEmpty()) {
            LOG.log(Level.INFO, () -> queued.size() + " download(s) queued from before the last stop");
        }
        return new DownloadService(store, runs, library, sources);
    }

    /**
     * Once after an upgrade or an import, adopts the download folders that have no ownership marker and hold only
     * their recorded pages (see {@link DownloadFolders}); the flag goes once they were looked at.
     */
    private static void adoptFolders(DownloadStore store) {
        if (!store.db().read(ServerState.DOWNLOAD_FOLDERS_TO_ADOPT::isSet)) {
            return;
        }
        store.files().adopt(store.db().read(store.rows()::recordedFilesOfKept));
        store.db().write(c -> {
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
        Instant now = store.now();
        List<Download> queued = store.db().write(c -> store.rows().enqueue(c, item, wanted, now, this::intact));
        // Not their folders: the run claiming each clears it, and may have claimed one already (an earlier entry).
        queued.forEach(download -> runs.submit(download.id()));
        return queued;
    }

    /** Downloads, newest first. */
    public List<Download> list(DownloadStatus status, String libraryId, String extensionId) {
        DownloadRepository.Filter filter = new DownloadRepository.Filter(status, libraryId, extensionId);
        return store.db().read(c -> store.rows().list(c, filter));
    }

    public DownloadDetails details(String downloadId) {
        Download download = store.db().read(c -> store.rows().find(c, downloadId))
                .orElseThrow(() -> new ServiceException.NotFound("No download " + downloadId));
        return new DownloadDetails(download, store.db().read(c -> store.rows().pages(c, downloadId)));
    }

    public DownloadStats stats() {
        return store.db().read(store.rows()::stats);
    }

    /**
     * Cancels a queued or running download: a running one stops within the page it is fetching. Its files are
     * deleted and {@code download:cancelled} published before this returns, and its worker takes the next queued
     * chapter. Cancelling a cancelled download does nothing; a completed or failed one cannot be cancelled.
     */
    public void cancel(String downloadId) {
        Download before = runs.cancel(downloadId)
                .orElseThrow(() -> new ServiceException.NotFound("No download " + downloadId));
        if (before.status() == DownloadStatus.COMPLETED || before.status() == DownloadStatus.FAILED) {
            throw new ServiceException.Invalid("Download " + downloadId + " is " + before.status().wireName()
                                               + "; only queued or running downloads can be cancelled");
        }
    }

    /**
     * Cancels every queued or running download of a library item, deletes all its downloads and their files.
     * The library calls it before it deletes the item, outside any database transaction of its own (it waits for
     * running downloads to stop, and they write to the database as they stop).
     */
    public void removeAllFor(String libraryId) {
        for (Download download : store.db().read(c -> store.rows().listFor(c, libraryId))) {
            if (download.status().active()) {
                runs.cancel(download.id());
            }
        }
        store.db().write(c -> store.rows().deleteAllFor(c, libraryId)).forEach(store.files()::delete);
    }

    /**
     * The page files of a chapter of a library item, when it is downloaded and every page is on disk, whole. A page
     * file missing or of another size than recorded (a disk problem, someone's hands) makes the chapter count as not
     * downloaded: it is served from its source, reported in the log, and queuing it again fetches what is missing.
     */
    public Optional<DownloadedChapter> downloadedChapter(String libraryId, String chapterId) {
        Optional<Download> download = store.db().read(c -> store.rows().findByChapter(c, libraryId, chapterId))
                .filter(found -> found.status() == DownloadStatus.COMPLETED);
        if (download.isEmpty()) {
            return Optional.empty();
        }
        List<Path> pageFiles = new ArrayList<>();
        for (DownloadedPage page : store.db().read(c -> store.rows().pages(c, download.get().id()))) {
            Optional<Path> file = store.files().wholeFile(page);
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
            if (pages.get(i).pageNumber() != i + 1 || !store.files().holds(pages.get(i))) {
                return false;
            }
        }
        return download.totalPages() == null || download.totalPages() == pages.size();
    }

    /** Stops the runs; running downloads stay {@code downloading} and resume at the next start. */
    @Override
    public void close() {
        runs.close();
    }

    private Manga mangaOf(LibraryItemRef item) {
        try {
            return sources.call(item.extensionId(), source -> source.manga(item.mangaId()));
        } catch (ServiceException.NotFound e) {
            throw ServiceException.Invalid.field("libraryId",
                    "The library item's manga cannot be found: " + e.getMessage());
        }
    }
}
