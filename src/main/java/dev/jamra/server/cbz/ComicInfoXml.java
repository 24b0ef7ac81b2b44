package dev.jamra.server.cbz;

import java.io.ByteArrayOutputStream;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.jamra.server.web.XmlText;

/**
 * Writes {@code ComicInfo.xml} as the Anansi ComicInfo schema v2.0 defines it: the root {@code ComicInfo} without
 * a namespace, its elements in the schema's sequence order, each only when it has a value, and the page list with
 * each page's index, file size and pixel size. Text from sources is kept to the characters XML 1.0 allows.
 */
final class ComicInfoXml {
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private ComicInfoXml() {
    }

    static byte[] write(ComicInfo info) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("ComicInfo");
            // the schema's sequence: Title, Series, Number, Volume, Summary, Writer, Penciller, Genre, Web,
            // PageCount, LanguageISO, ..., Pages
            element(xml, "Title", info.title());
            element(xml, "Series", info.series());
            element(xml, "Number", info.number());
            info.volume().ifPresent(volume -> element(xml, "Volume", String.valueOf(volume)));
            element(xml, "Summary", info.summary());
            element(xml, "Writer", joined(info.writers()));
            element(xml, "Penciller", joined(info.pencillers()));
            element(xml, "Genre", joined(info.genres()));
            info.web().ifPresent(web -> element(xml, "Web", web));
            element(xml, "PageCount", String.valueOf(info.pages().size()));
            info.languageIso().ifPresent(language -> element(xml, "LanguageISO", language));
            if (!info.pages().isEmpty()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("Pages");
                for (ComicInfo.PageInfo page : info.pages()) {
                    xml.writeCharacters("\n    ");
                    xml.writeEmptyElement("Page");
                    xml.writeAttribute("Image", String.valueOf(page.image()));
                    xml.writeAttribute("ImageSize", String.valueOf(page.bytes()));
                    if (page.size().isPresent()) {
                        xml.writeAttribute("ImageWidth", String.valueOf(page.size().get().width()));
                        xml.writeAttribute("ImageHeight", String.valueOf(page.size().get().height()));
                    }
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write ComicInfo.xml", e);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code <name>text</name>} on a line of its own; nothing when the text is blank. */
    private static void element(XMLStreamWriter xml, String name, String text) {
        String kept = XmlText.kept(text).strip();
        if (kept.isEmpty()) {
            return;
        }
        try {
            xml.writeCharacters("\n  ");
            xml.writeStartElement(name);
            xml.writeCharacters(kept);
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write " + name, e);
        }
    }

    private static String joined(List<String> values) {
        return String.join(", ", values.stream().map(String::strip).filter(value -> !value.isEmpty()).toList());
    }
}
