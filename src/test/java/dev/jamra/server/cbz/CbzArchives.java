package dev.jamra.server.cbz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads {@code .cbz} archives the tests receive, and validates their {@code ComicInfo.xml}. */
final class CbzArchives {
    private static final Schema COMIC_INFO = comicInfoSchema();

    private CbzArchives() {
    }

    /** Every entry of an archive in the order it holds them, each checked to be stored, not compressed. */
    static Map<String, byte[]> entries(byte[] archive) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertEquals(ZipEntry.STORED, entry.getMethod(), entry.getName() + " is stored as it is");
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** The archive's page entries, without {@code ComicInfo.xml}. */
    static List<byte[]> pages(Map<String, byte[]> entries) {
        List<byte[]> pages = new ArrayList<>();
        entries.forEach((name, bytes) -> {
            if (!name.equals(ChapterExporter.COMIC_INFO)) {
                pages.add(bytes);
            }
        });
        return pages;
    }

    /** A {@code ComicInfo.xml} parsed by the JDK's XML parser. */
    static Document document(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("Not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Validates a {@code ComicInfo.xml} against the ComicInfo v2.0 schema; fails with the validator's word. */
    static void validComicInfo(byte[] xml) {
        try {
            COMIC_INFO.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXException | IOException e) {
            throw new AssertionError("ComicInfo.xml does not match schema v2.0: " + e.getMessage() + "\n"
                                     + new String(xml, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    /**
     * The project's transcription of ComicInfo v2.0, or the published {@code ComicInfo.xsd} when the system property
     * {@code jamra.published-schemas} names a folder holding it in {@code comicinfo/} (see
     * {@code src/test/resources/opds/README.md}).
     */
    private static Schema comicInfoSchema() {
        String published = System.getProperty("jamra.published-schemas", "");
        try (InputStream xsd = published.isBlank()
                ? CbzArchives.class.getResourceAsStream("/cbz/ComicInfo-v2.0.xsd")
                : Files.newInputStream(Path.of(published, "comicinfo", "ComicInfo.xsd"))) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            return factory.newSchema(new StreamSource(xsd));
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("Cannot read the ComicInfo schema", e);
        }
    }
}
