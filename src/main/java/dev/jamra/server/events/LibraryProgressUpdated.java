package dev.jamra.server.events;

import java.util.Objects;
import java.util.Optional;

/** The reading progress of one chapter of a library item changed; delivered to every connection. */
public record LibraryProgressUpdated(String libraryId, String chapterId, Optional<String> chapterNumber,
                                     int pageNumber, Optional<Integer> totalPages, boolean completed,
                                     long timestamp) implements LibraryEvent {

    public LibraryProgressUpdated {
        Require.id(libraryId, "libraryId");
        Require.id(chapterId, "chapterId");
        Objects.requireNonNull(chapterNumber, "chapterNumber");
        Require.atLeast(pageNumber, 0, "pageNumber");
        Objects.requireNonNull(totalPages, "totalPages");
    }

    @Override
    public String name() {
        return EventNames.LIBRARY_PROGRESS_UPDATED;
    }
}
