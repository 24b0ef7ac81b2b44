package dev.jamra.server.updates;

import java.util.List;

import dev.jamra.server.library.LibraryItem;
import dev.jamra.server.sources.Chapter;

/**
 * Queues new chapters of a library item for download through the normal queue, skipping those already queued or
 * downloaded; the {@code downloads} feature does it.
 */
@FunctionalInterface
public interface NewChapterDownloads {

    void queue(LibraryItem item, List<Chapter> chapters);
}
