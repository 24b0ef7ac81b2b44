package dev.jamra.server.events;

import java.util.Objects;
import java.util.Optional;

/** The reading progress of one chapter of a library item changed; delivered to every connection. */
public record LibraryProgressUpdated(String libraryId, String chapterId, Optional<String> chapterNumber,
                                     int pageNumber, Optional<Integer> totalPages, boolean completed,
                                     long timestamp) implements LibraryEvent {

    public LibraryProgressUpdated {
        FieldChecks.nonEmpty(libraryId, "libraryId");
        FieldChecks.nonEmpty(chapterId, "chapterId");
        Objects.requireNonNull(chapterNumber, "chapterNumber");
        FieldChecks.atLeast(pageNumber, 0, "pageNumber");
        Objects.requireNonNull(totalPages, "totalPages");
    }

    @Override
    public String name() {
        return EventNames.LIBRARY_PROGRESS_UPDATED;
    }
}
