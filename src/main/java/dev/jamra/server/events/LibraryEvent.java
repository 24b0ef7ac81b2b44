package dev.jamra.server.events;

import java.util.Optional;

/**
 * A change to the library, its items' reading progress or their chapters, or the progress of a check for new
 * chapters; delivered to every connection.
 */
public sealed interface LibraryEvent extends BroadcastEvent
        permits LibraryItemAdded, LibraryItemUpdated, LibraryItemRemoved, LibraryProgressUpdated,
                LibraryUpdateProgress, LibraryChaptersNew, MangaUpdated {

    /** None: every connection receives it. */
    @Override
    default Optional<String> topic() {
        return Optional.empty();
    }
}
