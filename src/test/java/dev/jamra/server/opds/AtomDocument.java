package dev.jamra.server.opds;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An OPDS 1.2 feed read with the JDK's namespace-aware XML parser and held to the structure Atom (RFC 4287) and
 * OPDS 1.2 give it: every element found by namespace and local name, never by prefix.
 */
final class AtomDocument {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String PSE = "http://vaemendis.net/opds-pse/ns";
    static final String DCTERMS = "http://purl.org/dc/terms/";
    static final String OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";

    private final Element root;

    private AtomDocument(Element root) {
        this.root = root;
    }

    /** Parses a feed and checks what Atom requires of it and of each entry. */
    static AtomDocument feed(byte[] xml) {
        AtomDocument feed = new AtomDocument(parse(xml).getDocumentElement());
        assertEquals(ATOM, feed.root.getNamespaceURI(), "the root is in Atom's namespace");
        assertEquals("feed", feed.root.getLocalName());
        feed.requireAtomElements(feed.root);
        assertTrue(feed.children(feed.root, "author").stream().anyMatch(author -> !feed.text(author, "name")
                .isEmpty()) || feed.entries().stream().allMatch(entry -> !feed.children(entry, "author").isEmpty()),
                "a feed has an author, or every entry has one");
        for (Element entry : feed.entries()) {
            feed.requireAtomElements(entry);
            assertTrue(!feed.children(entry, "content").isEmpty() || feed.links(entry).stream()
                    .anyMatch(link -> link.getAttribute("rel").equals("alternate")),
                    "an entry without content has an alternate link (RFC 4287 4.1.2)");
        }
        return feed;
    }

    static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("Not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** atom:id, atom:title and atom:updated, exactly once each; the date an RFC 3339 date-time. */
    private void requireAtomElements(Element element) {
        for (String name : List.of("id", "title", "updated")) {
            assertEquals(1, children(element, name).size(), () -> "one atom:" + name + " in " + element.getLocalName());
        }
        assertTrue(text(element, "updated").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)"),
                () -> "RFC 3339 date: " + text(element, "updated"));
        assertFalse(text(element, "id").isBlank());
        assertTrue(text(element, "id").matches("[a-z][a-z0-9+.-]*:.+"), "an IRI: " + text(element, "id"));
    }

    Element root() {
        return root;
    }

    String title() {
        return text(root, "title");
    }

    String id() {
        return text(root, "id");
    }

    List<Element> entries() {
        return children(root, "entry");
    }

    /** The feed's link of relation {@code rel}. */
    Optional<Element> link(String rel) {
        return link(root, rel);
    }

    static Optional<Element> link(Element parent, String rel) {
        List<Element> found = links(parent).stream().filter(link -> link.getAttribute("rel").equals(rel)).toList();
        assertTrue(found.size() <= 1, () -> "one " + rel + " link at most");
        return found.stream().findFirst();
    }

    static List<Element> links(Element parent) {
        return children(parent, "link");
    }

    /** The entry whose title is {@code title}. */
    Element entry(String title) {
        return entries().stream().filter(entry -> text(entry, "title").equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("No entry " + title + " in " + titles()));
    }

    List<String> titles() {
        return entries().stream().map(entry -> text(entry, "title")).toList();
    }

    /** Text of the one Atom child {@code name} of {@code parent}; empty when there is none. */
    static String text(Element parent, String name) {
        return children(parent, name).stream().findFirst().map(Node::getTextContent).orElse("");
    }

    /** Text of the one child {@code name} in namespace {@code ns} of {@code parent}. */
    static String text(Element parent, String ns, String name) {
        return children(parent, ns, name).stream().findFirst().map(Node::getTextContent).orElse("");
    }

    static List<Element> children(Element parent, String name) {
        return children(parent, ATOM, name);
    }

    static List<Element> children(Element parent, String ns, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && ns.equals(element.getNamespaceURI())
                && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }
}
