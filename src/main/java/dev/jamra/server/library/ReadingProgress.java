package dev.jamra.server.library;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** How far the reader got in one chapter of a library item; one row per {@code (libraryId, chapterId)}. */
record ReadingProgress(String id, String libraryId, String chapterId, Optional<String> chapterNumber,
                       int pageNumber, Optional<Integer> totalPages, Instant lastRead, boolean completed) {

    ReadingProgress {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(libraryId, "libraryId");
        Objects.requireNonNull(chapterId, "chapterId");
        Objects.requireNonNull(chapterNumber, "chapterNumber");
        Objects.requireNonNull(totalPages, "totalPages");
        Objects.requireNonNull(lastRead, "lastRead");
    }
}
