package dev.jamra.server.cbz;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.jamra.server.sources.ImageSize;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ComicInfo.xml} as schema v2.0 has it: its elements in order, only those known, valid text. */
class ComicInfoXmlTest {
    private static final List<ComicInfo.PageInfo> PAGES = List.of(
            new ComicInfo.PageInfo(0, 1234, Optional.of(new ImageSize(800, 1200))),
            new ComicInfo.PageInfo(1, 99, Optional.empty()));

    private static ComicInfo full() {
        return new ComicInfo("The <Start> & more", "Sōshun", "12.5", Optional.of(3), "A story\nof \"two\".",
                List.of("Ann", " Bo "), List.of("Cy"), List.of("Drama", "Slice of Life", " "),
                Optional.of("https://mangadex.org/chapter/x"), Optional.of("en"), PAGES);
    }

    private static ComicInfo empty() {
        return new ComicInfo("", "Series", "1", Optional.empty(), "", List.of(), List.of(), List.of(),
                Optional.empty(), Optional.empty(), List.of());
    }

    private static List<String> elements(Document xml) {
        List<String> names = new ArrayList<>();
        NodeList children = xml.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                names.add(children.item(i).getNodeName());
            }
        }
        return names;
    }

    private static String text(Document xml, String name) {
        return xml.getElementsByTagName(name).item(0).getTextContent();
    }

    @Test
    void everyKnownFieldInTheSchemasOrder() {
        byte[] bytes = ComicInfoXml.write(full());
        CbzArchives.validComicInfo(bytes);
        Document xml = CbzArchives.document(bytes);
        assertEquals("ComicInfo", xml.getDocumentElement().getNodeName());
        assertEquals(null, xml.getDocumentElement().getNamespaceURI());
        assertEquals(List.of("Title", "Series", "Number", "Volume", "Summary", "Writer", "Penciller", "Genre", "Web",
                "PageCount", "LanguageISO", "Pages"), elements(xml));
        assertEquals("The <Start> & more", text(xml, "Title"));
        assertEquals("Sōshun", text(xml, "Series"));
        assertEquals("12.5", text(xml, "Number"));
        assertEquals("3", text(xml, "Volume"));
        assertEquals("A story\nof \"two\".", text(xml, "Summary"));
        assertEquals("Ann, Bo", text(xml, "Writer"));
        assertEquals("Cy", text(xml, "Penciller"));
        assertEquals("Drama, Slice of Life", text(xml, "Genre"));
        assertEquals("https://mangadex.org/chapter/x", text(xml, "Web"));
        assertEquals("2", text(xml, "PageCount"));
        assertEquals("en", text(xml, "LanguageISO"));
        NodeList pages = xml.getElementsByTagName("Page");
        assertEquals(2, pages.getLength());
        Element first = (Element) pages.item(0);
        assertEquals("0", first.getAttribute("Image"));
        assertEquals("1234", first.getAttribute("ImageSize"));
        assertEquals("800", first.getAttribute("ImageWidth"));
        assertEquals("1200", first.getAttribute("ImageHeight"));
        Element second = (Element) pages.item(1);
        assertEquals("1", second.getAttribute("Image"));
        assertEquals("99", second.getAttribute("ImageSize"));
        assertFalse(second.hasAttribute("ImageWidth"), "no size from a header that gives none");
        assertFalse(second.hasAttribute("ImageHeight"));
        assertTrue(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    }

    @Test
    void unknownFieldsAreLeftOutAndAChapterWithoutPagesHasNoPageList() {
        byte[] bytes = ComicInfoXml.write(empty());
        CbzArchives.validComicInfo(bytes);
        Document xml = CbzArchives.document(bytes);
        assertEquals(List.of("Series", "Number", "PageCount"), elements(xml));
        assertEquals("0", text(xml, "PageCount"));
    }

    @Test
    void eachElementIsOnALineOfItsOwn() {
        ComicInfo info = new ComicInfo("T", "S", "1", Optional.of(2), "", List.of("W"), List.of(), List.of(),
                Optional.empty(), Optional.of("en"), PAGES.subList(1, 2));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ComicInfo>
                  <Title>T</Title>
                  <Series>S</Series>
                  <Number>1</Number>
                  <Volume>2</Volume>
                  <Writer>W</Writer>
                  <PageCount>1</PageCount>
                  <LanguageISO>en</LanguageISO>
                  <Pages>
                    <Page Image="1" ImageSize="99"/>
                  </Pages>
                </ComicInfo>
                """, new String(ComicInfoXml.write(info), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void textXmlCannotCarryIsDroppedAndBlankTextLeftOut() {
        ComicInfo info = new ComicInfo("a\u0000b\u001F", " \u0001 ", "1", Optional.empty(), "\uFFFE", List.of(),
                List.of(), List.of(" "), Optional.empty(), Optional.empty(), PAGES);
        byte[] bytes = ComicInfoXml.write(info);
        CbzArchives.validComicInfo(bytes);
        Document xml = CbzArchives.document(bytes);
        assertEquals("ab", text(xml, "Title"));
        assertEquals(List.of("Title", "Number", "PageCount", "Pages"), elements(xml));
    }

    @Test
    void withPagesKeepsEverythingElse() {
        ComicInfo info = empty().withPages(PAGES);
        assertEquals(PAGES, info.pages());
        assertEquals(empty().series(), info.series());
        assertEquals(full(), full().withPages(PAGES));
    }
}
