package dev.jamra.server.downloads;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.jamra.server.events.DownloadChapterComplete;
import dev.jamra.server.events.DownloadFailed;
import dev.jamra.server.events.DownloadPageComplete;
import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.events.DownloadStarted;
import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.Page;
import dev.jamra.server.sources.PageFetchException;
import dev.jamra.server.sources.PageFetcher;
import dev.jamra.server.sources.SourceException;
import dev.jamra.server.sources.SourceNotFoundException;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.IsoTime;

/**
 * The download loop for one chapter, run by a worker: claim it, ask its source for the pages, fetch each page
 * (retrying with back-off), store it under its final name, record it, then publish {@code download:progress}
 * and {@code download:page:complete}; {@code download:chapter:complete} at the end, or {@code download:failed}.
 * Every event follows the database write it reports. Pages already stored by an interrupted run are kept; a fresh
 * run starts from an empty folder.
 *
 * <p>A run that is cancelled, or whose download is removed, stops and deletes its files; a cancel is reported as
 * {@link RunningDownload} says, a removal without a cancel as {@code download:cancelled} by the run itself. A run
 * stopped with the server leaves its download {@code downloading}, to be queued again at the next start.
 */
final class ChapterDownload {
    private static final System.Logger LOG = System.getLogger(ChapterDownload.class.getName());

    private final Database db;
    private final DownloadRepository repository;
    private final DownloadFiles files;
    private final SourceRegistry sources;
    private final PageFetcher fetcher;
    private final DownloadSettings settings;
    private final EventPublisher events;
    private final Clock clock;
    private final BooleanSupplier serverStopping;
    private final Consumer<RunningDownload> reportIfRemoved;
    private final Lock cancelling;

    ChapterDownload(Database db, DownloadRepository repository, DownloadFiles files, SourceRegistry sources,
                    PageFetcher fetcher, DownloadSettings settings, EventPublisher events, Clock clock,
                    BooleanSupplier serverStopping, Consumer<RunningDownload> reportIfRemoved, Lock cancelling) {
        this.db = db;
        this.repository = repository;
        this.files = files;
        this.sources = sources;
        this.fetcher = fetcher;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.serverStopping = serverStopping;
        this.reportIfRemoved = reportIfRemoved;
        this.cancelling = cancelling;
    }

    /** Thrown when the download stopped running under us (cancelled or removed). */
    private static final class NoLongerRunning extends Exception {
        NoLongerRunning() {
            super(null, null, false, false);
        }
    }

    /** A failure that ends the download; the message is for people. */
    private static final class ChapterFailure extends Exception {
        ChapterFailure(String message) {
            super(message, null, false, false);
        }
    }

    void run(RunningDownload run) {
        Download download;
        // A cancel's database change, files and report happen under this lock: a chapter queued again starts after.
        cancelling.lock();
        try {
            Instant claimedAt = now();
            download = db.write(c -> repository.claim(c, run.downloadId(), claimedAt)).orElse(null);
            if (download == null || !run.markClaimed(download.chapterId())) {
                return;
            }
            events.publish(new DownloadStarted(download.id(), download.mangaId(), download.chapterId(),
                    clock.millis()));
        } finally {
            cancelling.unlock();
        }
        String failure;
        try {
            downloadPages(download, run);
            return;
        } catch (ChapterFailure | PageFetchException | IOException | InterruptedException | NoLongerRunning
                 | RuntimeException e) {
            // A cancel or a stop interrupts whatever the run was at (a fetch, a source, a wait for the database),
            // and a removal takes its files away: then what failed is no failure of the download's own, and
            // nothing to warn about.
            boolean routine = run.cancelled() || serverStopping.getAsBoolean()
                              || !db.read(c -> repository.isRunning(c, download.id()));
            failure = routine ? null : failureOf(download, e);
        }
        // The cleanup reads and writes the database, and a cancel may interrupt it anywhere: the database waits
        // for a connection through interrupts (see Database), so the cleanup never depends on an uninterrupted
        // thread. The interrupt that ended the pages is spent here.
        Thread.interrupted();
        stopUnfinished(download, run, failure);
    }

    /** Why the download failed, in words for people (the details, which may name hosts or files, are logged). */
    private static String failureOf(Download download, Exception e) {
        return switch (e) {
            case ChapterFailure failure -> failure.getMessage();
            case PageFetchException failure -> failure.getMessage();
            // what is missing, in words meant for people (the REST API answers them as 404 bodies too)
            case SourceNotFoundException missing -> missing.getMessage();
            case SourceException failure -> {
                LOG.log(Level.WARNING, "Download " + download.id() + ": source " + download.extensionId()
                                       + " failed: " + failure);
                yield "The source '" + download.extensionId() + "' could not list the pages";
            }
            case DownloadFolders.ForeignFolderException foreign -> {
                LOG.log(Level.WARNING, "Download " + download.id() + " cannot store its pages: "
                                       + foreign.getMessage());
                yield "Its folder under downloads exists and was not created by this server; it was left as it is";
            }
            case IOException failure -> {
                LOG.log(Level.WARNING, "Download " + download.id() + " cannot store its pages: " + failure);
                yield "Cannot store the pages on disk";
            }
            case InterruptedException interrupted -> null;
            case NoLongerRunning gone -> null;
            default -> {
                LOG.log(Level.ERROR, "Download " + download.id() + " failed unexpectedly", e);
                yield "Unexpected error (details in the server log)";
            }
        };
    }

    private void downloadPages(Download download, RunningDownload run)
            throws ChapterFailure, PageFetchException, IOException, InterruptedException, NoLongerRunning {
        if (db.read(c -> repository.pages(c, download.id())).isEmpty()) {
            // A fresh run (first, or queued again after a failure or cancel): whatever an earlier run left goes.
            files.delete(download.id());
        }
        MangaSource source = sources.find(download.extensionId())
                .orElseThrow(() -> new ChapterFailure("Source " + download.extensionId() + " is not installed"));
        List<Page> pages = source.pages(download.mangaId(), download.chapterId());
        if (pages.isEmpty()) {
            throw new ChapterFailure("The source lists no pages for chapter " + download.chapterId());
        }
        int total = pages.size();
        ensureRunning(db.write(c -> repository.setTotalPages(c, download.id(), total)));
        files.deletePagesAfter(download.id(), total);
        Map<Integer, DownloadedPage> stored = db.read(c -> repository.pages(c, download.id())).stream()
                .collect(Collectors.toMap(DownloadedPage::pageNumber, Function.identity()));
        for (int number = 1; number <= total; number++) {
            if (run.cancelled()) {
                throw new NoLongerRunning();
            }
            if (isOnDisk(stored.get(number))) {
                continue;
            }
            Page page = pages.get(number - 1);
            StoredPage file = fetchWithRetries(source, download, page, number);
            DownloadedPage row = new DownloadedPage(UUID.randomUUID().toString(), download.id(), number,
                    page.imageUrl(), files.relative(file.path()), file.size(), now());
            DownloadProgress progress = DownloadProgress.of(download.id(), download.chapterId(), number, total,
                    clock.millis());
            ensureRunning(db.write(c -> repository.recordPage(c, row, progress.percentage())));
            events.publish(progress);
            events.publish(new DownloadPageComplete(download.id(), download.chapterId(), number, clock.millis()));
        }
        Instant completedAt = now();
        ensureRunning(db.write(c -> repository.complete(c, download.id(), completedAt)));
        events.publish(new DownloadChapterComplete(download.id(), download.chapterId(), total, clock.millis()));
    }

    private StoredPage fetchWithRetries(MangaSource source, Download download, Page page, int number)
            throws PageFetchException, IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Path part = files.newPartFile(download.id(), number);
            try {
                PageFetcher.Fetched fetched = fetcher.fetch(source, download.mangaId(), download.chapterId(), page,
                        part);
                Path file = files.moveIntoPlace(part, download.id(), number, fetched.extension());
                return new StoredPage(file, fetched.size());
            } catch (PageFetchException e) {
                if (!e.retryable() || attempt >= settings.retries()) {
                    String tries = attempt == 0 ? "" : " (" + (attempt + 1) + " attempts)";
                    throw new PageFetchException("Page " + number + ": " + e.getMessage() + tries, false, e);
                }
                LOG.log(Level.DEBUG, () -> "Retrying page " + number + " of " + download.id() + ": " + e.getMessage());
                Thread.sleep(settings.backoff(attempt));
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }

    /** Ends a run that did not complete: cancelled or removed, stopped with the server, or failed. */
    private void stopUnfinished(Download download, RunningDownload run, String failure) {
        if (run.cancelled() || !db.read(c -> repository.isRunning(c, download.id()))) {
            // a cancel reports itself (see RunningDownload); a removal no cancel preceded is reported by this run
            reportIfRemoved.accept(run);
            files.delete(download.id());
            return;
        }
        if (serverStopping.getAsBoolean()) {
            LOG.log(Level.INFO, () -> "Download " + download.id() + " paused by the server stopping");
            return;
        }
        String error = failure == null ? "Interrupted" : failure;
        boolean failed = db.write(c -> repository.fail(c, download.id(), error));
        files.delete(download.id());
        if (failed) {
            LOG.log(Level.INFO, () -> "Download " + download.id() + " failed: " + error);
            events.publish(new DownloadFailed(download.id(), download.chapterId(), error, clock.millis()));
        }
    }

    private boolean isOnDisk(DownloadedPage page) {
        return page != null && files.holds(page);
    }

    private static void ensureRunning(boolean stillRunning) throws NoLongerRunning {
        if (!stillRunning) {
            throw new NoLongerRunning();
        }
    }

    private Instant now() {
        return IsoTime.now(clock);
    }

    private record StoredPage(Path path, long size) {
    }
}
