package dev.jamra.server.opds;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.jamra.server.cbz.CbzHttpService;
import dev.jamra.server.web.XmlText;

/**
 * Writes the catalog's feeds as OPDS 1.2 Atom documents, and its OpenSearch 1.1 description. Every link is absolute,
 * built on the address the client used to reach the server. Every entry has an {@code atom:content} (Atom wants it
 * or an alternate link), chapters an acquisition link to their {@code .cbz} and, when their page count is known, an
 * OPDS-PSE stream link with {@code pse:count} and, once read, {@code pse:lastRead} (counted from 1) and its time as
 * OPDS-PSE 1.2's {@code pse:lastReadUpdate} and as {@code pse:lastReadDate}, the name servers such as Komga use.
 */
final class AtomFeeds {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String OPDS = "http://opds-spec.org/2010/catalog";
    static final String PSE = "http://vaemendis.net/opds-pse/ns";
    static final String DCTERMS = "http://purl.org/dc/terms/";
    static final String OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";
    static final String NAVIGATION_TYPE = "application/atom+xml;profile=opds-catalog;kind=navigation";
    static final String ACQUISITION_TYPE = "application/atom+xml;profile=opds-catalog;kind=acquisition";
    static final String OPENSEARCH_TYPE = "application/opensearchdescription+xml";
    static final String ACQUISITION_REL = "http://opds-spec.org/acquisition";
    static final String IMAGE_REL = "http://opds-spec.org/image";
    static final String THUMBNAIL_REL = "http://opds-spec.org/image/thumbnail";
    static final String STREAM_REL = "http://vaemendis.net/opds-pse/stream";
    /** Where the Atom catalog is on the server. */
    static final String ROOT = "/opds";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final String base;

    /** @param base {@code http://host:port} as the client addressed the server */
    AtomFeeds(String base) {
        this.base = base;
    }

    /** The media type of a feed of this kind. */
    static String typeOf(CatalogFeed.Kind kind) {
        return kind == CatalogFeed.Kind.NAVIGATION ? NAVIGATION_TYPE : ACQUISITION_TYPE;
    }

    static CatalogFeed.Kind kindOf(CatalogFeed feed) {
        return feed instanceof CatalogFeed.Navigation ? CatalogFeed.Kind.NAVIGATION : CatalogFeed.Kind.ACQUISITION;
    }

    byte[] write(CatalogFeed feed) {
        return document(xml -> {
            xml.writeStartElement("", "feed", ATOM);
            xml.writeDefaultNamespace(ATOM);
            xml.writeNamespace("dcterms", DCTERMS);
            xml.writeNamespace("opds", OPDS);
            xml.writeNamespace("pse", PSE);
            xml.writeNamespace("opensearch", OPENSEARCH);
            text(xml, "id", feed.id());
            text(xml, "title", feed.title());
            text(xml, "updated", date(feed.updated()));
            xml.writeStartElement("", "author", ATOM);
            text(xml, "name", "JAMRA");
            xml.writeEndElement();
            String type = typeOf(kindOf(feed));
            link(xml, "self", feedUrl(feed.path(), feed.paging().map(CatalogFeed.Paging::page).orElse(1)), type);
            link(xml, "start", feedUrl("", 1), NAVIGATION_TYPE);
            link(xml, "search", base + ROOT + "/search.xml", OPENSEARCH_TYPE);
            if (feed.paging().isPresent()) {
                paging(xml, feed.path(), feed.paging().get(), type);
            }
            switch (feed) {
                case CatalogFeed.Navigation navigation -> {
                    for (CatalogFeed.FeedLink entry : navigation.entries()) {
                        feedLink(xml, entry);
                    }
                }
                case CatalogFeed.Acquisition acquisition -> {
                    for (CatalogFeed.ChapterEntry entry : acquisition.entries()) {
                        chapter(xml, entry);
                    }
                }
            }
            xml.writeEndElement();
        });
    }

    /** The OpenSearch description of the catalog's title search. */
    byte[] openSearch() {
        return document(xml -> {
            xml.writeStartElement("", "OpenSearchDescription", OPENSEARCH);
            xml.writeDefaultNamespace(OPENSEARCH);
            description(xml, "ShortName", "JAMRA");
            description(xml, "Description", "Search the titles of the JAMRA library by name");
            description(xml, "InputEncoding", "UTF-8");
            description(xml, "OutputEncoding", "UTF-8");
            xml.writeEmptyElement("", "Url", OPENSEARCH);
            xml.writeAttribute("type", NAVIGATION_TYPE);
            xml.writeAttribute("template", base + ROOT + "/search?query={searchTerms}&page={startPage?}");
            xml.writeEndElement();
        });
    }

    private void paging(XMLStreamWriter xml, String path, CatalogFeed.Paging paging, String type)
            throws XMLStreamException {
        link(xml, "first", feedUrl(path, 1), type);
        if (paging.hasPrevious()) {
            link(xml, "previous", feedUrl(path, Math.min(paging.page() - 1, paging.lastPage())), type);
        }
        if (paging.hasNext()) {
            link(xml, "next", feedUrl(path, paging.page() + 1), type);
        }
        link(xml, "last", feedUrl(path, paging.lastPage()), type);
        namespaced(xml, "opensearch", "totalResults", String.valueOf(paging.total()));
        namespaced(xml, "opensearch", "itemsPerPage", String.valueOf(paging.perPage()));
        namespaced(xml, "opensearch", "startIndex", String.valueOf(paging.offset() + 1));
    }

    private void feedLink(XMLStreamWriter xml, CatalogFeed.FeedLink entry) throws XMLStreamException {
        xml.writeStartElement("", "entry", ATOM);
        text(xml, "title", entry.title());
        text(xml, "id", entry.id());
        text(xml, "updated", date(entry.updated()));
        content(xml, entry.content());
        cover(xml, entry.cover());
        link(xml, "subsection", feedUrl(entry.path(), 1), typeOf(entry.kind()));
        xml.writeEndElement();
    }

    private void chapter(XMLStreamWriter xml, CatalogFeed.ChapterEntry entry) throws XMLStreamException {
        xml.writeStartElement("", "entry", ATOM);
        text(xml, "title", entry.title());
        text(xml, "id", entry.id());
        text(xml, "updated", date(entry.updated()));
        for (String author : entry.authors()) {
            xml.writeStartElement("", "author", ATOM);
            text(xml, "name", author);
            xml.writeEndElement();
        }
        if (entry.language().isPresent()) {
            namespaced(xml, "dcterms", "language", entry.language().get());
        }
        content(xml, entry.content());
        cover(xml, entry.cover());
        link(xml, ACQUISITION_REL, base + entry.archivePath(), CbzHttpService.MEDIA_TYPE);
        if (entry.stream().isPresent()) {
            CatalogFeed.PageStream stream = entry.stream().get();
            xml.writeEmptyElement("", "link", ATOM);
            xml.writeAttribute("rel", STREAM_REL);
            xml.writeAttribute("href", base + stream.pathTemplate());
            xml.writeAttribute("type", stream.type());
            xml.writeAttribute("pse", PSE, "count", String.valueOf(stream.count()));
            if (stream.reading().isPresent() && stream.reading().get().pageNumber() > 0) {
                xml.writeAttribute("pse", PSE, "lastRead", String.valueOf(Math.min(stream.reading().get().pageNumber(),
                        stream.count())));
                String readAt = date(stream.reading().get().lastRead());
                xml.writeAttribute("pse", PSE, "lastReadUpdate", readAt);
                xml.writeAttribute("pse", PSE, "lastReadDate", readAt);
            }
        }
        xml.writeEndElement();
    }

    private void cover(XMLStreamWriter xml, Optional<CatalogFeed.Cover> cover) throws XMLStreamException {
        if (cover.isEmpty()) {
            return;
        }
        for (String rel : List.of(IMAGE_REL, THUMBNAIL_REL)) {
            xml.writeEmptyElement("", "link", ATOM);
            xml.writeAttribute("rel", rel);
            xml.writeAttribute("href", absolute(cover.get().href()));
            if (cover.get().type().isPresent()) {
                xml.writeAttribute("type", cover.get().type().get());
            }
        }
    }

    private String feedUrl(String path, int page) {
        return CatalogFeed.url(base + ROOT, path, page);
    }

    private String absolute(String href) {
        return href.startsWith("/") ? base + href : href;
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("", "link", ATOM);
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        xml.writeAttribute("type", type);
    }

    private static void content(XMLStreamWriter xml, String text) throws XMLStreamException {
        xml.writeStartElement("", "content", ATOM);
        xml.writeAttribute("type", "text");
        xml.writeCharacters(XmlText.kept(text));
        xml.writeEndElement();
    }

    /** An element of the OpenSearch description, whose default namespace is OpenSearch's. */
    private static void description(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement("", name, OPENSEARCH);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    /** An element of the feed's default namespace (Atom), holding text. */
    private static void text(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        namespaced(xml, "", name, text);
    }

    /** An element of the namespace the root declared with {@code prefix}, holding text. */
    private static void namespaced(XMLStreamWriter xml, String prefix, String name, String text)
            throws XMLStreamException {
        xml.writeStartElement(prefix, name, namespaceOf(prefix));
        xml.writeCharacters(XmlText.kept(text));
        xml.writeEndElement();
    }

    private static String namespaceOf(String prefix) {
        return switch (prefix) {
            case "dcterms" -> DCTERMS;
            case "opensearch" -> OPENSEARCH;
            default -> ATOM;
        };
    }

    /** An Atom date (RFC 3339), to the second. */
    static String date(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static byte[] document(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write a feed", e);
        }
        return bytes.toByteArray();
    }
}
