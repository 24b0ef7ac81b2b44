package dev.jamra.server.opds;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.jamra.server.library.LibraryItem;
import dev.jamra.server.library.LibraryStatus;
import dev.jamra.server.sources.Chapter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the catalog names chapters, types their streams and finds covers and paths. */
class CatalogEntriesTest {

    private static LibraryItem item(String coverUrl) {
        return new LibraryItem("i", "m", "fixture", "T", Optional.ofNullable(coverUrl), LibraryStatus.READING, false,
                Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void chaptersAreNamedByNumberAndTitleWithoutSayingItTwice() {
        assertEquals("Chapter 12", OpdsCatalog.name(new Chapter("c", "12", null)));
        assertEquals("Chapter 12", OpdsCatalog.name(new Chapter("c", "12", "  ")));
        assertEquals("Chapter 12", OpdsCatalog.name(new Chapter("c", "12", "chapter 12")));
        assertEquals("Chapter 12: The End", OpdsCatalog.name(new Chapter("c", "12", " The End ")));
        assertEquals("Chapter 12: Chapter 12.5", OpdsCatalog.name(new Chapter("c", "12", "Chapter 12.5")));
    }

    @Test
    void aStreamDeclaresItsPagesTypeOnlyWhenOneTypeOpdsPseAllows() {
        assertEquals("image/png", OpdsCatalog.streamType(List.of(Path.of("1.png"), Path.of("2.PNG"))));
        assertEquals("image/gif", OpdsCatalog.streamType(List.of(Path.of("1.gif"))));
        assertEquals("image/jpeg", OpdsCatalog.streamType(List.of(Path.of("1.jpeg"), Path.of("2.jpg"))));
        assertEquals("image/jpeg", OpdsCatalog.streamType(List.of(Path.of("1.png"), Path.of("2.gif"))), "mixed");
        assertEquals("image/jpeg", OpdsCatalog.streamType(List.of(Path.of("1.webp"))), "not allowed");
        assertEquals("image/jpeg", OpdsCatalog.streamType(List.of()));
    }

    @Test
    void coversAreTheItemsUrlsTypedByTheirExtension() {
        assertEquals(Optional.empty(), OpdsCatalog.storedCover(item(null)));
        assertEquals(Optional.empty(), OpdsCatalog.storedCover(item(" ")));
        assertEquals(Optional.of(new CatalogFeed.Cover("https://c/x.png?w=2#top", Optional.of("image/png"))),
                OpdsCatalog.storedCover(item("https://c/x.png?w=2#top")));
        assertEquals(Optional.of(new CatalogFeed.Cover("https://c/x.JPG#a?b", Optional.of("image/jpeg"))),
                OpdsCatalog.storedCover(item("https://c/x.JPG#a?b")));
        assertEquals(Optional.of(new CatalogFeed.Cover("https://c/cover?f=x.png", Optional.empty())),
                OpdsCatalog.storedCover(item("https://c/cover?f=x.png")));
    }

    @Test
    void pathsEncodeTheirIds() {
        assertEquals("/opds/stream/a%20b/~c%2Fd/{pageNumber}", OpdsCatalog.streamPath("a b", "~c/d"));
        assertEquals("titles/a%20b", OpdsCatalog.titlePath("a b"));
    }
}
