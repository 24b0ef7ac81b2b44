package dev.jamra.server.opds;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.jamra.server.library.LibraryBrowser;

/** Feeds built by hand, for the writers' tests. */
final class FeedSamples {
    static final Instant UPDATED = Instant.parse("2025-01-09T18:10:00.123Z");
    static final Instant READ = Instant.parse("2025-02-01T08:00:00.900Z");

    private FeedSamples() {
    }

    static CatalogFeed.Navigation navigation(Optional<CatalogFeed.Paging> paging) {
        return new CatalogFeed.Navigation("urn:uuid:1", "Reading & more", "shelves/reading", paging, UPDATED,
                List.of(new CatalogFeed.FeedLink("urn:uuid:2", "Title <one>", "reading, favorite", "titles/t1",
                                CatalogFeed.Kind.ACQUISITION, UPDATED,
                                Optional.of(new CatalogFeed.Cover("https://c.example/1.jpg", Optional.of("image/jpeg")))),
                        new CatalogFeed.FeedLink("urn:uuid:3", "Shelf", "All", "shelves/library",
                                CatalogFeed.Kind.NAVIGATION, UPDATED, Optional.empty())));
    }

    static CatalogFeed.ChapterEntry chapter(Optional<CatalogFeed.PageStream> stream,
                                            Optional<CatalogFeed.Cover> cover) {
        return new CatalogFeed.ChapterEntry("urn:uuid:4", "Chapter 1: Go", UPDATED, "3 pages", List.of("Ann", "Bo"),
                Optional.of("en"), "/api/library/t1/chapters/c1/cbz", stream, cover, "titles/t1/chapters/c1");
    }

    static CatalogFeed.PageStream stream(int pagesRead) {
        return new CatalogFeed.PageStream("/opds/stream/t1/c1/{pageNumber}", 3, "image/png",
                pagesRead < 0 ? Optional.empty()
                        : Optional.of(new LibraryBrowser.ChapterReading("c1", pagesRead, Optional.of(3), READ)));
    }

    static CatalogFeed.Acquisition acquisition(CatalogFeed.ChapterEntry... chapters) {
        return new CatalogFeed.Acquisition("urn:uuid:5", "Title <one>", "titles/t1",
                Optional.of(new CatalogFeed.Paging(2, 50, 120)), UPDATED, List.of(chapters));
    }
}
