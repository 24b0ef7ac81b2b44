package dev.jamra.server.opds;

import java.util.Arrays;
import java.util.Optional;

import dev.jamra.server.library.LibraryBrowser;
import dev.jamra.server.library.LibraryStatus;

/**
 * The ways the catalog's root offers to browse the library, in the root's order. Each is a list of titles with
 * its own path ({@code /opds/shelves/<slug>}); a new way of browsing is one more constant here.
 */
enum Shelf {
    LIBRARY("library", "Library", "Every title, by name"),
    READING("reading", "Reading", "Titles you are reading", LibraryStatus.READING),
    PLAN_TO_READ("plan-to-read", "Plan to read", "Titles you plan to read", LibraryStatus.PLAN_TO_READ),
    COMPLETED("completed", "Completed", "Titles you have finished", LibraryStatus.COMPLETED),
    ON_HOLD("on-hold", "On hold", "Titles you have paused", LibraryStatus.ON_HOLD),
    DROPPED("dropped", "Dropped", "Titles you have dropped", LibraryStatus.DROPPED),
    FAVORITES("favorites", "Favorites", "Your favorite titles, by name"),
    RECENTLY_ADDED("recently-added", "Recently added", "Titles added to the library, newest first"),
    RECENTLY_READ("recently-read", "Recently read", "Titles you read, the last read first");

    private final String slug;
    private final String title;
    private final String description;
    private final Optional<LibraryStatus> status;

    Shelf(String slug, String title, String description) {
        this(slug, title, description, null);
    }

    Shelf(String slug, String title, String description, LibraryStatus status) {
        this.slug = slug;
        this.title = title;
        this.description = description;
        this.status = Optional.ofNullable(status);
    }

    String slug() {
        return slug;
    }

    String title() {
        return title;
    }

    String description() {
        return description;
    }

    /** A window of the shelf's titles. */
    LibraryBrowser.Window titles(LibraryBrowser library, int offset, int limit) {
        return switch (this) {
            case FAVORITES -> library.byTitle(Optional.empty(), Optional.of(true), Optional.empty(), offset, limit);
            case RECENTLY_ADDED -> library.recentlyAdded(offset, limit);
            case RECENTLY_READ -> library.recentlyRead(offset, limit);
            default -> library.byTitle(status, Optional.empty(), Optional.empty(), offset, limit);
        };
    }

    static Optional<Shelf> fromSlug(String slug) {
        return Arrays.stream(values()).filter(shelf -> shelf.slug.equals(slug)).findFirst();
    }
}
