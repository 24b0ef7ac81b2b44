package dev.jamra.server.sources;

import java.math.BigDecimal;
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
    }
}
