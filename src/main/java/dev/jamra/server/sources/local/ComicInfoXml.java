package dev.jamra.server.sources.local;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads {@link ComicInfo} from the bytes of a {@code ComicInfo.xml}, with the JDK's parser made safe for files from
 * anywhere: a document with a DOCTYPE is refused outright (so no external entity is ever fetched, XXE, and no
 * entity is ever expanded, the "billion laughs"), secure processing bounds what is left, and nothing outside the
 * bytes is accessed (no DTD, schema or XInclude). The caller bounds the bytes ({@link Limits#MAX_METADATA_BYTES}).
 */
final class ComicInfoXml {
    private static final DocumentBuilderFactory FACTORY = factory();

    private ComicInfoXml() {
    }

    /**
     * The ComicInfo in {@code xml}, or empty when the document cannot be read; {@code problem} hears why the
     * document or one of its values was not used, as the end of a sentence that starts with the file's name
     * ("is not well-formed XML (line 3, column 1)").
     */
    static Optional<ComicInfo> parse(byte[] xml, Consumer<String> problem) {
        Document document;
        try {
            document = builder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            problem.accept(e instanceof SAXParseException parse ? refusal(parse) : "cannot be read as XML");
            return Optional.empty();
        }
        Element root = document.getDocumentElement();
        if (!"ComicInfo".equals(root.getLocalName())) {
            problem.accept("is not a ComicInfo document (its root element is " + shown(root.getLocalName()) + ")");
            return Optional.empty();
        }
        Map<String, String> values = texts(root);
        Values read = new Values(values, problem);
        Optional<String> language = read.text("LanguageISO").flatMap(tag -> {
            Optional<String> valid = ComicInfo.languageTag(tag);
            if (valid.isEmpty()) {
                problem.accept("has a LanguageISO that is not a language tag: " + shown(tag));
            }
            return valid;
        });
        List<String> artists = new ArrayList<>();
        ComicInfo.ARTIST_ELEMENTS.forEach(name -> read.text(name).ifPresent(artists::add));
        return Optional.of(new ComicInfo(
                read.text("Title").orElse(null),
                read.text("Series").orElse(null),
                read.text("Number").orElse(null),
                read.whole("Volume", 0).orElse(null),
                read.text("Summary").orElse(null),
                ComicInfo.releaseDate(read.whole("Year", 1).orElse(null), read.whole("Month", 1).orElse(null),
                        read.whole("Day", 1).orElse(null), problem).orElse(null),
                read.text("Writer").orElse(null),
                artists,
                read.text("Translator").orElse(null),
                read.text("Genre").orElse(null),
                read.text("Tags").orElse(null),
                language.orElse(null),
                read.text("Manga").orElse(null),
                read.text("PublishingStatusTachiyomi").orElse(null)));
    }

    /** The text of each child element of {@code root} by its local name (any namespace); the first one counts. */
    private static Map<String, String> texts(Element root) {
        Map<String, String> values = new HashMap<>();
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                values.putIfAbsent(child.getLocalName(), child.getTextContent());
            }
        }
        return values;
    }

    /** The values of one document, read with the schema's rules. */
    private record Values(Map<String, String> texts, Consumer<String> problem) {

        Optional<String> text(String element) {
            String value = texts.get(element);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        /** A whole number of at least {@code min}; the schema's default, -1, is absent. */
        Optional<Integer> whole(String element, int min) {
            return text(element).flatMap(value -> {
                try {
                    int number = Integer.parseInt(value);
                    if (number == -1) {
                        return Optional.empty();
                    }
                    if (number >= min) {
                        return Optional.of(number);
                    }
                } catch (NumberFormatException e) {
                    // said below
                }
                problem.accept("has a " + element + " that is not a whole number of at least " + min + ": "
                               + shown(value));
                return Optional.empty();
            });
        }
    }

    /** A value from the file as a warning quotes it: its start when it is long. */
    private static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    /** Why the parser refused a document, in a sentence that names no file and quotes no library. */
    private static String refusal(SAXParseException e) {
        String where = " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")";
        String message = String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE")) {
            return "declares a DOCTYPE, which is refused (no DTDs or entities are read)" + where;
        }
        return "is not well-formed XML" + where;
    }

    private static DocumentBuilder builder() throws SAXException {
        DocumentBuilder builder;
        try {
            // a factory is not promised to be thread-safe; a builder is made per document
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
        } catch (ParserConfigurationException e) {
            throw new SAXException(e);
        }
        builder.setErrorHandler(FAIL_QUIETLY);
        return builder;
    }

    /** Fails on errors instead of printing them to standard error, as the default handler does. */
    private static final ErrorHandler FAIL_QUIETLY = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // not a failure
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser cannot be made safe", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setValidating(false);
        return factory;
    }
}
