package dev.jamra.server.sources.mangadex;

import dev.jamra.server.sources.SourceNotFoundException;

/**
 * A chapter MangaDex lists but has no pages of here: published on another site, or without pages. Its pages are
 * not found here, so it answers like a missing page (404), with a message that says why.
 */
final class ChapterUnavailableException extends SourceNotFoundException {

    ChapterUnavailableException(String message) {
        super(message);
    }
}
