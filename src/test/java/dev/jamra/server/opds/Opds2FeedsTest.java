package dev.jamra.server.opds;

import java.util.List;
import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feeds as OPDS 2.0 JSON, each held to the OPDS 2.0 schema. */
class Opds2FeedsTest {
    private static final Opds2Feeds OPDS2 = new Opds2Feeds("http://h:1");

    private static JsonObject valid(JsonObject feed) {
        assertEquals(List.of(), Opds2Schema.errors(Opds2Schema.FEED, feed.toString()), feed::toString);
        return feed;
    }

    private static JsonObject link(JsonObject owner, String rel) {
        return owner.getJsonArray("links").stream().map(JsonValue::asJsonObject)
                .filter(link -> link.getString("rel").equals(rel)).findFirst()
                .orElseThrow(() -> new AssertionError("No " + rel));
    }

    private static boolean hasLink(JsonObject owner, String rel) {
        return owner.getJsonArray("links").stream().anyMatch(link -> link.asJsonObject().getString("rel").equals(rel));
    }

    @Test
    void aNavigationFeedListsItsLinksWithTitles() {
        JsonObject feed = valid(OPDS2.write(FeedSamples.navigation(Optional.empty())));
        assertEquals("Reading & more", feed.getJsonObject("metadata").getString("title"));
        assertEquals("2025-01-09T18:10:00Z", feed.getJsonObject("metadata").getString("modified"));
        assertFalse(feed.getJsonObject("metadata").containsKey("numberOfItems"));
        assertEquals("http://h:1/opds/v2/shelves/reading", link(feed, "self").getString("href"));
        assertEquals("application/opds+json", link(feed, "self").getString("type"));
        assertEquals("http://h:1/opds/v2", link(feed, "start").getString("href"));
        assertEquals("http://h:1/opds/v2/search{?query}", link(feed, "search").getString("href"));
        assertTrue(link(feed, "search").getBoolean("templated"));
        assertFalse(hasLink(feed, "first"));
        JsonObject title = feed.getJsonArray("navigation").getJsonObject(0);
        assertEquals("Title <one>", title.getString("title"));
        assertEquals("http://h:1/opds/v2/titles/t1", title.getString("href"));
        assertEquals("subsection", title.getString("rel"));
        assertEquals("application/opds+json", title.getString("type"));
    }

    @Test
    void aPagedFeedSaysWhereItIs() {
        JsonObject feed = valid(OPDS2.write(FeedSamples.navigation(Optional.of(new CatalogFeed.Paging(2, 50, 120)))));
        JsonObject metadata = feed.getJsonObject("metadata");
        assertEquals(120, metadata.getInt("numberOfItems"));
        assertEquals(50, metadata.getInt("itemsPerPage"));
        assertEquals(2, metadata.getInt("currentPage"));
        assertEquals("http://h:1/opds/v2/shelves/reading?page=2", link(feed, "self").getString("href"));
        assertEquals("http://h:1/opds/v2/shelves/reading", link(feed, "first").getString("href"));
        assertEquals("http://h:1/opds/v2/shelves/reading", link(feed, "previous").getString("href"));
        assertEquals("http://h:1/opds/v2/shelves/reading?page=3", link(feed, "next").getString("href"));
        assertEquals("http://h:1/opds/v2/shelves/reading?page=3", link(feed, "last").getString("href"));
        JsonObject past = valid(OPDS2.write(FeedSamples.navigation(Optional.of(new CatalogFeed.Paging(9, 50, 120)))));
        assertEquals("http://h:1/opds/v2/shelves/reading?page=3", link(past, "previous").getString("href"));
        assertFalse(hasLink(past, "next"));
        JsonObject first = valid(OPDS2.write(FeedSamples.navigation(Optional.of(new CatalogFeed.Paging(1, 50, 120)))));
        assertFalse(hasLink(first, "previous"));
    }

    @Test
    void aChapterIsAPublicationWithItsArchiveAndItsStream() {
        JsonObject feed = valid(OPDS2.write(FeedSamples.acquisition(FeedSamples.chapter(
                Optional.of(FeedSamples.stream(5)), Optional.of(new CatalogFeed.Cover("https://c.example/1.gif",
                        Optional.of("image/gif")))))));
        JsonObject chapter = feed.getJsonArray("publications").getJsonObject(0);
        JsonObject metadata = chapter.getJsonObject("metadata");
        assertEquals("http://schema.org/ComicIssue", metadata.getString("@type"));
        assertEquals("urn:uuid:4", metadata.getString("identifier"));
        assertEquals("Chapter 1: Go", metadata.getString("title"));
        assertEquals("3 pages", metadata.getString("description"));
        assertEquals("en", metadata.getString("language"));
        assertEquals(List.of("Ann", "Bo"), metadata.getJsonArray("author").getValuesAs(
                jakarta.json.JsonString::getString));
        assertEquals(3, metadata.getInt("numberOfPages"));
        assertEquals("http://h:1/opds/v2/titles/t1/chapters/c1", link(chapter, "self").getString("href"));
        assertEquals("application/opds-publication+json", link(chapter, "self").getString("type"));
        assertEquals("http://h:1/api/library/t1/chapters/c1/cbz",
                link(chapter, "http://opds-spec.org/acquisition").getString("href"));
        JsonObject stream = link(chapter, "http://vaemendis.net/opds-pse/stream");
        assertEquals("http://h:1/opds/stream/t1/c1/{pageNumber}", stream.getString("href"));
        assertTrue(stream.getBoolean("templated"));
        assertEquals("image/png", stream.getString("type"));
        JsonObject properties = stream.getJsonObject("properties");
        assertEquals(3, properties.getInt("pse:count"));
        assertEquals(3, properties.getInt("pse:lastRead"), "never past the count");
        assertEquals("2025-02-01T08:00:00Z", properties.getString("pse:lastReadUpdate"));
        assertEquals("2025-02-01T08:00:00Z", properties.getString("pse:lastReadDate"));
        assertEquals(1, chapter.getJsonArray("images").size(), "a GIF cover needs no stand-in");
        assertEquals("image/gif", chapter.getJsonArray("images").getJsonObject(0).getString("type"));
        assertEquals(List.of(), Opds2Schema.errors(Opds2Schema.PUBLICATION, OPDS2.publication(
                FeedSamples.chapter(Optional.empty(), Optional.empty())).toString()));
    }

    @Test
    void whatIsNotKnownIsLeftOutAndAMissingCoverHasItsStandIn() {
        CatalogFeed.ChapterEntry bare = new CatalogFeed.ChapterEntry("urn:uuid:4", "Chapter 2", FeedSamples.UPDATED,
                "Pages not known yet", List.of(), Optional.of("not a language!"), "/a", Optional.empty(),
                Optional.of(new CatalogFeed.Cover("/cover", Optional.empty())), "titles/t1/chapters/c2");
        JsonObject publication = OPDS2.publication(bare);
        assertEquals(List.of(), Opds2Schema.errors(Opds2Schema.PUBLICATION, publication.toString()));
        JsonObject metadata = publication.getJsonObject("metadata");
        assertFalse(metadata.containsKey("language"), "only a BCP 47 tag is a language");
        assertFalse(metadata.containsKey("author"));
        assertFalse(metadata.containsKey("numberOfPages"));
        assertFalse(hasLink(publication, "http://vaemendis.net/opds-pse/stream"));
        assertEquals("http://h:1/cover", publication.getJsonArray("images").getJsonObject(0).getString("href"));
        assertFalse(publication.getJsonArray("images").getJsonObject(0).containsKey("type"));
        JsonObject standIn = publication.getJsonArray("images").getJsonObject(1);
        assertEquals("http://h:1/opds/no-cover.png", standIn.getString("href"));
        assertEquals("image/png", standIn.getString("type"));
        JsonObject webp = OPDS2.publication(FeedSamples.chapter(Optional.of(FeedSamples.stream(0)), Optional.of(
                new CatalogFeed.Cover("https://c/1.webp", Optional.of("image/webp")))));
        assertEquals(2, webp.getJsonArray("images").size());
        assertFalse(link(webp, "http://vaemendis.net/opds-pse/stream").getJsonObject("properties")
                .containsKey("pse:lastRead"), "page 0 is nothing read");
        assertEquals(1, OPDS2.publication(FeedSamples.chapter(Optional.empty(), Optional.empty()))
                .getJsonArray("images").size(), "no cover: the stand-in alone");
        for (String language : new String[] {"en", "pt-BR", "zh-Hant", "es-419"}) {
            CatalogFeed.ChapterEntry tagged = new CatalogFeed.ChapterEntry("urn:uuid:4", "C", FeedSamples.UPDATED,
                    "", List.of(), Optional.of(language), "/a", Optional.empty(), Optional.empty(), "t");
            assertEquals(language, OPDS2.publication(tagged).getJsonObject("metadata").getString("language"));
        }
    }
}
