package dev.jamra.server.events;

import java.util.List;

/**
 * Something about a manga changed, named in {@code changes} (such as {@code chapters}); the renderer declares this
 * event for keeping several clients in step. Delivered to every connection.
 */
public record MangaUpdated(String mangaId, List<String> changes, long timestamp) implements LibraryEvent {

    /** The name in {@code changes} when the manga's chapter list changed. */
    public static final String CHAPTERS = "chapters";

    public MangaUpdated {
        FieldChecks.nonEmpty(mangaId, "mangaId");
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("changes must name what changed");
        }
        changes.forEach(change -> FieldChecks.nonEmpty(change, "a change"));
    }

    /** The manga's chapter list changed. */
    public static MangaUpdated chapters(String mangaId, long timestamp) {
        return new MangaUpdated(mangaId, List.of(CHAPTERS), timestamp);
    }

    @Override
    public String name() {
        return EventNames.MANGA_UPDATED;
    }
}
