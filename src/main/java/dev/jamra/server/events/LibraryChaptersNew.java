package dev.jamra.server.events;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A check found chapters of a library item that earlier checks had not seen; once per item and check. */
public record LibraryChaptersNew(String libraryId, String mangaId, String extensionId, String title,
                                 List<NewChapter> chapters, long timestamp) implements LibraryEvent {

    /** A chapter as the source lists it: its id, number as written ("12.5") and title when it has one. */
    public record NewChapter(String id, String chapterNumber, Optional<String> title) {
        public NewChapter {
            FieldChecks.nonEmpty(id, "id");
            Objects.requireNonNull(chapterNumber, "chapterNumber");
            Objects.requireNonNull(title, "title");
        }
    }

    public LibraryChaptersNew {
        FieldChecks.nonEmpty(libraryId, "libraryId");
        FieldChecks.nonEmpty(mangaId, "mangaId");
        FieldChecks.nonEmpty(extensionId, "extensionId");
        Objects.requireNonNull(title, "title");
        chapters = List.copyOf(chapters);
        if (chapters.isEmpty()) {
            throw new IllegalArgumentException("chapters must not be empty");
        }
    }

    @Override
    public String name() {
        return EventNames.LIBRARY_CHAPTERS_NEW;
    }
}
