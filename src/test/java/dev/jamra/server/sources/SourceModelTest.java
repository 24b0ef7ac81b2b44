package dev.jamra.server.sources;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What sources hand the server: chapter numbers as numbers where they are, and page sizes only when sensible. */
class SourceModelTest {

    @Test
    void aChapterNumberIsNumericOnlyWhenItIsADecimal() {
        assertEquals(Optional.of(new BigDecimal("12")), new Chapter("c", "12", null).numeric());
        assertEquals(Optional.of(new BigDecimal("12.5")), new Chapter("c", "12.5", null).numeric());
        for (String text : List.of("", "12a", "1.", ".5", "-1", "1e3", "1".repeat(41))) {
            assertEquals(Optional.empty(), new Chapter("c", text, null).numeric(), text);
        }
        assertEquals(Optional.of(new BigDecimal("1".repeat(40))), new Chapter("c", "1".repeat(40), null).numeric());
        assertNull(new Chapter("c", "1", "t").language());
        assertEquals("en", new Chapter("c", "1", "t", "en").language());
        Chapter plain = new Chapter("c", "1", "t", "en");
        assertNull(plain.volume());
        assertNull(plain.scanlator());
        assertNull(plain.updatedAt());
        assertNull(plain.pages());
        assertNull(new Chapter("c", "1", "t", "en", "2", "g", Instant.EPOCH).pages());
    }

    @Test
    void aChapterTimeIsKeptToTheMillisecondWithinTheYearsTheApiWrites() {
        Instant precise = Instant.parse("2024-05-02T12:30:00.123456789Z");
        assertEquals(Instant.parse("2024-05-02T12:30:00.123Z"), timed(precise).updatedAt());
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), timed(Instant.parse("0001-01-01T00:00:00Z")).updatedAt());
        assertEquals(Instant.parse("9999-12-31T23:59:59.999Z"),
                timed(Instant.parse("9999-12-31T23:59:59.999999Z")).updatedAt());
        assertNull(timed(Instant.parse("0000-12-31T23:59:59.999Z")).updatedAt(), "year 0");
        assertNull(timed(Instant.parse("+10000-01-01T00:00:00Z")).updatedAt(), "year 10000");
        assertNull(timed(null).updatedAt());
    }

    private static Chapter timed(Instant updatedAt) {
        return new Chapter("c", "1", null, null, null, null, updatedAt);
    }

    @Test
    void aVolumeIsNumericOnlyWhenItIsADecimalAndPagesAreNeverNegative() {
        Chapter volume = new Chapter("c", "1", null, null, "2.5", null, null, 0);
        assertEquals(Optional.of(new BigDecimal("2.5")), volume.numericVolume());
        assertEquals(0, volume.pages());
        assertEquals(Optional.empty(), new Chapter("c", "1", null, null, "Extra", null, null).numericVolume());
        assertEquals(Optional.empty(), new Chapter("c", "1", null).numericVolume());
        assertThrows(IllegalArgumentException.class, () -> new Chapter("c", "1", null, null, null, null, null, -1));
    }

    @Test
    void aPageHasBothSizesOrNeither() {
        Page sized = new Page(0, "https://x/1.png", 1, 1);
        assertEquals(1, sized.width());
        assertNull(new Page(0, "local:a").width());
        assertThrows(IllegalArgumentException.class, () -> new Page(0, "u", 10, null));
        assertThrows(IllegalArgumentException.class, () -> new Page(0, "u", null, 10));
        assertThrows(IllegalArgumentException.class, () -> new Page(0, "u", 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Page(0, "u", 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new Page(-1, "u"));
        assertEquals(0, new Page(0, "u").index());
        assertTrue(new Page(0, "HTTPS://x").remote());
        assertTrue(new Page(0, "http://x").remote());
        assertFalse(new Page(0, "local:x").remote());
    }

    @Test
    void sourceInfoKeepsItsOptionalFacts() {
        SourceInfo plain = new SourceInfo("a-b.c_1", "A", "1");
        assertNull(plain.language());
        assertNull(plain.description());
        assertEquals("en", new SourceInfo("a", "A", "1", "d", "en").language());
        assertThrows(IllegalArgumentException.class, () -> new SourceInfo("Upper", "A", "1"));
        Manga plainManga = new Manga("m", "t", null, null, List.of());
        assertNull(plainManga.language());
        assertEquals(List.of(), plainManga.artists());
        assertEquals(List.of(), plainManga.authors());
        assertEquals(List.of(), plainManga.alternateTitles());
        List<String> titles = new java.util.ArrayList<>(List.of("Other"));
        Manga titled = new Manga("m", "t", null, null, "en", List.of(), null, List.of(), List.of(), List.of(), titles);
        titles.clear();
        assertEquals(List.of("Other"), titled.alternateTitles(), "a copy");
        assertEquals(List.of(), new Manga("m", "t", null, null, "en", List.of(), null, List.of(), List.of(),
                List.of()).alternateTitles());
        Manga two = new Manga("m", "t", null, null, List.of(new Chapter("a", "1", null), new Chapter("b", "2", null)));
        assertEquals(Optional.of(0), two.indexOf("a"));
        assertEquals(Optional.of(1), two.indexOf("b"));
        assertEquals(Optional.empty(), two.indexOf("c"));
        assertNull(new SearchResult("m", "t", null, null, "en").description());
        assertEquals("d", new SearchResult("m", "t", null, null, "en", "d").description());
        SearchResult one = SearchResult.of("m", "t");
        assertNull(new SearchPage(List.of(one), false).total());
        assertEquals(1, new SearchPage(List.of(one), false, 1).total());
        assertThrows(IllegalArgumentException.class, () -> new SearchPage(List.of(one), false, 0));
    }
}
