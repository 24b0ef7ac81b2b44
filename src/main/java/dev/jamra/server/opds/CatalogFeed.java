package dev.jamra.server.opds;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.jamra.server.library.LibraryBrowser;

/**
 * A feed of the catalog as both OPDS versions show it: a navigation feed of links to other feeds, or an acquisition
 * feed of chapters. Feed paths are below the catalog's root ({@code ""} is the root, {@code shelves/reading}...),
 * so each version puts them under its own prefix; other paths start at the server's root ({@code /api/...}), and a
 * cover may be a URL of its own.
 */
sealed interface CatalogFeed {

    /** Its {@code urn:uuid:} identifier, the same whichever host name reaches the server. */
    String id();

    String title();

    /** Its path below the catalog's root, without the query of its page. */
    String path();

    Optional<Paging> paging();

    Instant updated();

    /** A feed of links to other feeds. */
    record Navigation(String id, String title, String path, Optional<Paging> paging, Instant updated,
                      List<FeedLink> entries) implements CatalogFeed {
        public Navigation {
            entries = List.copyOf(entries);
        }
    }

    /** A feed of chapters to read or download. */
    record Acquisition(String id, String title, String path, Optional<Paging> paging, Instant updated,
                       List<ChapterEntry> entries) implements CatalogFeed {
        public Acquisition {
            entries = List.copyOf(entries);
        }
    }

    /** Whether a linked feed lists other feeds or chapters. */
    enum Kind {
        NAVIGATION, ACQUISITION
    }

    /**
     * A link to another feed of the catalog.
     *
     * @param content a sentence on what the feed holds
     */
    record FeedLink(String id, String title, String content, String path, Kind kind, Instant updated,
                    Optional<Cover> cover) {
        public FeedLink {
            Objects.requireNonNull(cover, "cover");
        }
    }

    /**
     * An image: a path on this server or a URL elsewhere.
     *
     * @param type its media type, when its name tells it
     */
    record Cover(String href, Optional<String> type) {
    }

    /**
     * A chapter: its archive, its page stream (when its page count is known) and what is known of it.
     *
     * @param publicationPath the path, below the catalog's root, of the chapter as a publication of its own
     */
    record ChapterEntry(String id, String title, Instant updated, String content, List<String> authors,
                        Optional<String> language, String archivePath, Optional<PageStream> stream,
                        Optional<Cover> cover, String publicationPath) {
        public ChapterEntry {
            authors = List.copyOf(authors);
        }
    }

    /**
     * A chapter's pages one at a time (OPDS-PSE).
     *
     * @param pathTemplate a path holding {@code {pageNumber}}, counted from 0
     * @param type         the pages' media type as OPDS-PSE allows it (JPEG, PNG or GIF)
     * @param reading      how far the chapter has been read, when it has been
     */
    record PageStream(String pathTemplate, int count, String type, Optional<LibraryBrowser.ChapterReading> reading) {
    }

    /**
     * Which page of a long list a feed is.
     *
     * @param page    from 1
     * @param perPage at most this many entries on a page
     * @param total   entries in the whole list
     */
    record Paging(int page, int perPage, int total) {
        int offset() {
            return (page - 1) * perPage;
        }

        /** The last page, 1 for an empty list. */
        int lastPage() {
            return Math.max(1, (total + perPage - 1) / perPage);
        }

        boolean hasPrevious() {
            return page > 1;
        }

        boolean hasNext() {
            return page < lastPage();
        }
    }

    /** The URL of page {@code page} of the feed at {@code path} below {@code root}; page 1 is the feed's own URL. */
    static String url(String root, String path, int page) {
        String url = root + (path.isEmpty() ? "" : "/" + path);
        return page == 1 ? url : url + (path.contains("?") ? "&" : "?") + "page=" + page;
    }

    /** The stable {@code urn:uuid:} of a thing of the catalog, named by its kind and key. */
    static String idOf(String kind, String key) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("jamra:" + kind + ":" + key).getBytes(StandardCharsets.UTF_8));
    }
}
