package dev.jamra.server.library;

import dev.jamra.server.storage.IsoTime;
import dev.jamra.server.web.JsonBytes;

import static dev.jamra.server.web.JsonBytes.ascii;

/**
 * A reading progress row as the bytes of its JSON, exactly those of {@link LibraryJson#progress(ReadingProgress)}.
 * Home and History ask for one per item they show, all at once, as soon as the app opens: written here, the answer
 * skips building a JSON-P object and Helidon's choice of a media writer, code that a fresh server still runs
 * interpreted.
 */
final class ProgressJson {
    private static final byte[] ID = ascii("{\"id\":");
    private static final byte[] LIBRARY_ID = ascii(",\"libraryId\":");
    private static final byte[] CHAPTER_ID = ascii(",\"chapterId\":");
    private static final byte[] CHAPTER_NUMBER = ascii(",\"chapterNumber\":");
    private static final byte[] PAGE_NUMBER = ascii(",\"pageNumber\":");
    private static final byte[] TOTAL_PAGES = ascii(",\"totalPages\":");
    private static final byte[] LAST_READ = ascii(",\"lastRead\":");
    private static final byte[] COMPLETED = ascii(",\"completed\":true}");
    private static final byte[] NOT_COMPLETED = ascii(",\"completed\":false}");

    private ProgressJson() {
    }

    static byte[] of(ReadingProgress progress) {
        return JsonBytes.written(256, json -> {
            json.raw(ID).string(progress.id())
                    .raw(LIBRARY_ID).string(progress.libraryId())
                    .raw(CHAPTER_ID).string(progress.chapterId());
            progress.chapterNumber().ifPresent(number -> json.raw(CHAPTER_NUMBER).string(number));
            json.raw(PAGE_NUMBER).number(progress.pageNumber());
            progress.totalPages().ifPresent(total -> json.raw(TOTAL_PAGES).number(total));
            json.raw(LAST_READ).string(IsoTime.format(progress.lastRead()))
                    .raw(progress.completed() ? COMPLETED : NOT_COMPLETED);
        });
    }
}
