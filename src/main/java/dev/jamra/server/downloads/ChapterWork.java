package dev.jamra.server.downloads;

import java.util.function.BooleanSupplier;

/**
 * What a run does once it has claimed its download: the chapter's pages ({@link ChapterDownload}). The run's life
 * around it (the claim, a cancel, a failure, a stop, the cleanup) belongs to {@link DownloadRuns}.
 */
interface ChapterWork {

    /**
     * Downloads the chapter's pages and records the download completed; returns only then.
     *
     * @param cancelled whether the run was cancelled meanwhile: the work stops at its next page
     * @throws Exception whatever stopped the work before the chapter was complete
     */
    void download(Download download, BooleanSupplier cancelled) throws Exception;

    /**
     * Why the download failed, in words for people, when {@code stopped} stopped it on its own (no cancel, stop or
     * removal). The details, which may name hosts or files, go to the log.
     */
    String failureOf(Download download, Exception stopped);
}
