package dev.jamra.server.opds;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import static dev.jamra.server.opds.AtomDocument.OPENSEARCH;
import static dev.jamra.server.opds.AtomDocument.PSE;
import static dev.jamra.server.opds.AtomDocument.link;
import static dev.jamra.server.opds.AtomDocument.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feeds as OPDS 1.2 Atom, read back with a namespace-aware parser. */
class AtomFeedsTest {
    private static final AtomFeeds ATOM = new AtomFeeds("http://h:1");

    @Test
    void aNavigationFeedLinksItsEntriesWithTheirKindsAndCovers() {
        AtomDocument feed = AtomDocument.feed(ATOM.write(FeedSamples.navigation(Optional.empty())));
        assertEquals("Reading & more", feed.title());
        assertEquals("urn:uuid:1", feed.id());
        assertEquals("2025-01-09T18:10:00Z", text(feed.root(), "updated"));
        assertEquals("JAMRA", text(AtomDocument.children(feed.root(), "author").getFirst(), "name"));
        assertLink(feed.link("self"), "http://h:1/opds/shelves/reading", AtomFeeds.NAVIGATION_TYPE);
        assertLink(feed.link("start"), "http://h:1/opds", AtomFeeds.NAVIGATION_TYPE);
        assertLink(feed.link("search"), "http://h:1/opds/search.xml", "application/opensearchdescription+xml");
        assertTrue(feed.link("next").isEmpty() && feed.link("first").isEmpty(), "no paging, no paging links");
        assertEquals("", text(feed.root(), OPENSEARCH, "totalResults"));

        Element title = feed.entry("Title <one>");
        assertEquals("reading, favorite", text(title, "content"));
        assertLink(link(title, "subsection"), "http://h:1/opds/titles/t1", AtomFeeds.ACQUISITION_TYPE);
        assertLink(link(title, "http://opds-spec.org/image"), "https://c.example/1.jpg", "image/jpeg");
        assertLink(link(title, "http://opds-spec.org/image/thumbnail"), "https://c.example/1.jpg", "image/jpeg");
        Element shelf = feed.entry("Shelf");
        assertLink(link(shelf, "subsection"), "http://h:1/opds/shelves/library", AtomFeeds.NAVIGATION_TYPE);
        assertTrue(link(shelf, "http://opds-spec.org/image").isEmpty());
    }

    private static void assertLink(Optional<Element> link, String href, String type) {
        assertTrue(link.isPresent());
        assertEquals(href, link.get().getAttribute("href"));
        assertEquals(type, link.get().getAttribute("type"));
    }

    @Test
    void aPagedFeedHasItsPagingLinksAndOpenSearchCounts() {
        AtomDocument feed = AtomDocument.feed(ATOM.write(FeedSamples.navigation(Optional.of(
                new CatalogFeed.Paging(2, 50, 120)))));
        assertLink(feed.link("self"), "http://h:1/opds/shelves/reading?page=2", AtomFeeds.NAVIGATION_TYPE);
        assertLink(feed.link("first"), "http://h:1/opds/shelves/reading", AtomFeeds.NAVIGATION_TYPE);
        assertLink(feed.link("previous"), "http://h:1/opds/shelves/reading", AtomFeeds.NAVIGATION_TYPE);
        assertLink(feed.link("next"), "http://h:1/opds/shelves/reading?page=3", AtomFeeds.NAVIGATION_TYPE);
        assertLink(feed.link("last"), "http://h:1/opds/shelves/reading?page=3", AtomFeeds.NAVIGATION_TYPE);
        assertEquals("120", text(feed.root(), OPENSEARCH, "totalResults"));
        assertEquals("50", text(feed.root(), OPENSEARCH, "itemsPerPage"));
        assertEquals("51", text(feed.root(), OPENSEARCH, "startIndex"));

        AtomDocument past = AtomDocument.feed(ATOM.write(FeedSamples.navigation(Optional.of(
                new CatalogFeed.Paging(9, 50, 120)))));
        assertLink(past.link("previous"), "http://h:1/opds/shelves/reading?page=3", AtomFeeds.NAVIGATION_TYPE);
        assertTrue(past.link("next").isEmpty());
    }

    @Test
    void aChapterHasItsArchiveAndItsPageStreamWithTheReading() {
        AtomDocument feed = AtomDocument.feed(ATOM.write(FeedSamples.acquisition(
                FeedSamples.chapter(Optional.of(FeedSamples.stream(2)), Optional.empty()))));
        assertLink(feed.link("self"), "http://h:1/opds/titles/t1?page=2", AtomFeeds.ACQUISITION_TYPE);
        Element chapter = feed.entry("Chapter 1: Go");
        assertEquals(List.of("Ann", "Bo"), AtomDocument.children(chapter, "author").stream()
                .map(author -> text(author, "name")).toList());
        assertEquals("en", text(chapter, AtomDocument.DCTERMS, "language"));
        assertEquals("3 pages", text(chapter, "content"));
        assertLink(link(chapter, "http://opds-spec.org/acquisition"), "http://h:1/api/library/t1/chapters/c1/cbz",
                "application/vnd.comicbook+zip");
        Element stream = link(chapter, "http://vaemendis.net/opds-pse/stream").orElseThrow();
        assertEquals("http://h:1/opds/stream/t1/c1/{pageNumber}", stream.getAttribute("href"));
        assertEquals("image/png", stream.getAttribute("type"));
        assertEquals("3", stream.getAttributeNS(PSE, "count"));
        assertEquals("2", stream.getAttributeNS(PSE, "lastRead"));
        assertEquals("2025-02-01T08:00:00Z", stream.getAttributeNS(PSE, "lastReadUpdate"));
        assertEquals("2025-02-01T08:00:00Z", stream.getAttributeNS(PSE, "lastReadDate"));
        assertEquals(PSE, feed.root().lookupNamespaceURI("pse"), "the feed declares OPDS-PSE's namespace");
    }

    @Test
    void aStreamNotReadYetOrReadOnAnotherCountSaysWhatItCan() {
        Element unread = link(AtomDocument.feed(ATOM.write(FeedSamples.acquisition(FeedSamples.chapter(
                Optional.of(FeedSamples.stream(-1)), Optional.empty())))).entry("Chapter 1: Go"),
                "http://vaemendis.net/opds-pse/stream").orElseThrow();
        assertFalse(unread.hasAttributeNS(PSE, "lastRead"));
        assertFalse(unread.hasAttributeNS(PSE, "lastReadUpdate"));
        Element zero = link(AtomDocument.feed(ATOM.write(FeedSamples.acquisition(FeedSamples.chapter(
                Optional.of(FeedSamples.stream(0)), Optional.empty())))).entry("Chapter 1: Go"),
                "http://vaemendis.net/opds-pse/stream").orElseThrow();
        assertFalse(zero.hasAttributeNS(PSE, "lastRead"), "page 0 is nothing read");
        Element beyond = link(AtomDocument.feed(ATOM.write(FeedSamples.acquisition(FeedSamples.chapter(
                Optional.of(FeedSamples.stream(7)), Optional.empty())))).entry("Chapter 1: Go"),
                "http://vaemendis.net/opds-pse/stream").orElseThrow();
        assertEquals("3", beyond.getAttributeNS(PSE, "lastRead"), "never past the chapter's count");
        Element noStream = AtomDocument.feed(ATOM.write(FeedSamples.acquisition(FeedSamples.chapter(
                Optional.empty(), Optional.of(new CatalogFeed.Cover("/x", Optional.empty())))))).entry("Chapter 1: Go");
        assertTrue(link(noStream, "http://vaemendis.net/opds-pse/stream").isEmpty());
        Element image = link(noStream, "http://opds-spec.org/image").orElseThrow();
        assertEquals("http://h:1/x", image.getAttribute("href"), "a path on this server, made absolute");
        assertFalse(image.hasAttribute("type"), "no type when it is not known");
    }

    @Test
    void theOpenSearchDescriptionSearchesTheNavigationFeed() {
        Element document = AtomDocument.parse(ATOM.openSearch()).getDocumentElement();
        assertEquals(OPENSEARCH, document.getNamespaceURI());
        assertEquals("JAMRA", text(document, OPENSEARCH, "ShortName"));
        assertEquals("UTF-8", text(document, OPENSEARCH, "InputEncoding"));
        assertEquals("UTF-8", text(document, OPENSEARCH, "OutputEncoding"));
        assertFalse(text(document, OPENSEARCH, "Description").isEmpty());
        Element url = AtomDocument.children(document, OPENSEARCH, "Url").getFirst();
        assertEquals(AtomFeeds.NAVIGATION_TYPE, url.getAttribute("type"));
        assertEquals("http://h:1/opds/search?query={searchTerms}&page={startPage?}", url.getAttribute("template"));
    }

    @Test
    void textXmlCannotCarryIsDropped() {
        CatalogFeed.Navigation feed = new CatalogFeed.Navigation("urn:uuid:1", "A\u0000B", "", Optional.empty(),
                FeedSamples.UPDATED, List.of());
        assertEquals("AB", AtomDocument.feed(ATOM.write(feed)).title());
    }
}
