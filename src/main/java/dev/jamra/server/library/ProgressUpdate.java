package dev.jamra.server.library;

import java.util.Objects;
import java.util.Optional;

/** A client's report of where it is in a chapter; it replaces that chapter's stored progress. */
record ProgressUpdate(String chapterId, Optional<String> chapterNumber, int pageNumber,
                      Optional<Integer> totalPages) {

    ProgressUpdate {
        Objects.requireNonNull(chapterId, "chapterId");
        Objects.requireNonNull(chapterNumber, "chapterNumber");
        Objects.requireNonNull(totalPages, "totalPages");
    }
}
