package dev.jamra.server.downloads;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.jamra.server.events.DownloadProgress;
import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.Page;
import dev.jamra.server.sources.PageFetchException;
import dev.jamra.server.sources.PageFetcher;
import dev.jamra.server.sources.SourceException;
import dev.jamra.server.sources.SourceNotFoundException;

/**
 * The pages of one claimed chapter: ask its source for the pages, fetch each page (retrying with back-off), store
 * it under its final name, record it, then publish {@code download:progress} and {@code download:page:complete};
 * at the end, record the download completed and publish {@code download:chapter:complete}. Every event follows
 * the database write it reports, and every write is conditional on the download still running. Pages already
 * stored by an interrupted run are kept; a fresh run starts from an empty folder. What happens when the pages do
 * not complete (a failure, a cancel, a stop) is the run's business: see {@link DownloadRuns}.
 */
final class ChapterDownload implements ChapterWork {
    private static final System.Logger LOG = System.getLogger(ChapterDownload.class.getName());

    private final DownloadStore store;
    private final PageSupply supply;
    private final DownloadEvents events;

    ChapterDownload(DownloadStore store, PageSupply supply, DownloadEvents events) {
        this.store = store;
        this.supply = supply;
        this.events = events;
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

    @Override
    public String failureOf(Download download, Exception stopped) {
        return switch (stopped) {
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
                LOG.log(Level.ERROR, "Download " + download.id() + " failed unexpectedly", stopped);
                yield "Unexpected error (details in the server log)";
            }
        };
    }

    @Override
    public void download(Download download, BooleanSupplier cancelled)
            throws ChapterFailure, PageFetchException, IOException, InterruptedException, NoLongerRunning {
        DownloadRepository rows = store.rows();
        DownloadFiles files = store.files();
        if (store.db().read(c -> rows.pages(c, download.id())).isEmpty()) {
            // A fresh run (first, or queued again after a failure or cancel): whatever an earlier run left goes.
            files.delete(download.id());
        }
        MangaSource source = supply.sources().find(download.extensionId())
                .orElseThrow(() -> new ChapterFailure("Source " + download.extensionId() + " is not installed"));
        List<Page> pages = source.pages(download.mangaId(), download.chapterId());
        if (pages.isEmpty()) {
            throw new ChapterFailure("The source lists no pages for chapter " + download.chapterId());
        }
        int total = pages.size();
        ensureRunning(store.db().write(c -> rows.setTotalPages(c, download.id(), total)));
        files.deletePagesAfter(download.id(), total);
        Map<Integer, DownloadedPage> stored = store.db().read(c -> rows.pages(c, download.id())).stream()
                .collect(Collectors.toMap(DownloadedPage::pageNumber, Function.identity()));
        for (int number = 1; number <= total; number++) {
            if (cancelled.getAsBoolean()) {
                throw new NoLongerRunning();
            }
            if (isOnDisk(stored.get(number))) {
                continue;
            }
            Page page = pages.get(number - 1);
            StoredPage file = fetchWithRetries(source, download, page, number);
            DownloadedPage row = new DownloadedPage(UUID.randomUUID().toString(), download.id(), number,
                    page.imageUrl(), files.relative(file.path()), file.size(), store.now());
            DownloadProgress progress = events.progress(download, number, total);
            ensureRunning(store.db().write(c -> rows.recordPage(c, row, progress.percentage())));
            events.pageStored(progress);
        }
        ensureRunning(store.db().write(c -> rows.complete(c, download.id(), store.now())));
        events.completed(download, total);
    }

    private StoredPage fetchWithRetries(MangaSource source, Download download, Page page, int number)
            throws PageFetchException, IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Path part = store.files().newPartFile(download.id(), number);
            try {
                PageFetcher.Fetched fetched = supply.fetcher().fetch(source, download.mangaId(), download.chapterId(),
                        page, part);
                Path file = store.files().moveIntoPlace(part, download.id(), number, fetched.extension());
                return new StoredPage(file, fetched.size());
            } catch (PageFetchException e) {
                if (!e.retryable() || attempt >= supply.settings().retries()) {
                    String tries = attempt == 0 ? "" : " (" + (attempt + 1) + " attempts)";
                    throw new PageFetchException("Page " + number + ": " + e.getMessage() + tries, false, e);
                }
                LOG.log(Level.DEBUG, () -> "Retrying page " + number + " of " + download.id() + ": " + e.getMessage());
                Thread.sleep(supply.settings().backoff(attempt));
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }

    private boolean isOnDisk(DownloadedPage page) {
        return page != null && store.files().holds(page);
    }

    private static void ensureRunning(boolean stillRunning) throws NoLongerRunning {
        if (!stillRunning) {
            throw new NoLongerRunning();
        }
    }

    private record StoredPage(Path path, long size) {
    }
}
