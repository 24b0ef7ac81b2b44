package dev.jamra.server.cbz;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the exporter names its entries and which volumes ComicInfo can carry. */
class ChapterExporterTest {

    @Test
    void entriesAreNamedByPositionPaddedToTheWidthOfTheLast() {
        assertEquals("001.jpg", ChapterExporter.entryName(0, 1, "jpg"));
        assertEquals("999.png", ChapterExporter.entryName(998, 999, "png"));
        assertEquals("0001.png", ChapterExporter.entryName(0, 1000, "png"));
        assertEquals("1000.webp", ChapterExporter.entryName(999, 1000, "webp"));
        assertEquals("00010.gif", ChapterExporter.entryName(9, 10000, "gif"));
    }

    @Test
    void onlyWholeVolumesFitTheSchemasInteger() {
        assertEquals(Optional.of(3), ChapterExporter.wholeNumber(new BigDecimal("3")));
        assertEquals(Optional.of(3), ChapterExporter.wholeNumber(new BigDecimal("3.0")));
        assertEquals(Optional.empty(), ChapterExporter.wholeNumber(new BigDecimal("3.5")));
        assertEquals(Optional.empty(), ChapterExporter.wholeNumber(new BigDecimal("99999999999")));
    }
}
