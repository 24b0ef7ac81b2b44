package dev.jamra.server.updates;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A chapter a check found new, with its library item; {@code isNew} while nobody has opened it since.
 *
 * @param chapterNumber as the source writes it ("12.5")
 */
public record FeedEntry(String libraryId, String mangaId, String extensionId, String title, String chapterId,
                 String chapterNumber, Optional<String> chapterTitle, Instant foundAt, boolean isNew) {

    public FeedEntry {
        Objects.requireNonNull(libraryId, "libraryId");
        Objects.requireNonNull(mangaId, "mangaId");
        Objects.requireNonNull(extensionId, "extensionId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(chapterId, "chapterId");
        Objects.requireNonNull(chapterNumber, "chapterNumber");
        Objects.requireNonNull(chapterTitle, "chapterTitle");
        Objects.requireNonNull(foundAt, "foundAt");
    }
}
