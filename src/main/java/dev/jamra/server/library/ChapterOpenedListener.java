package dev.jamra.server.library;

/**
 * Told once a chapter of a library item has been opened: its progress was stored, from a page the reader served or
 * from a client's report. Listeners run after the change committed, on the request's thread; one that fails is
 * logged and does not fail the request.
 */
@FunctionalInterface
public interface ChapterOpenedListener {

    void opened(String libraryId, String chapterId);
}
