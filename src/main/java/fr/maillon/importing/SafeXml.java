package fr.maillon.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import org.jspecify.annotations.Nullable;

import fr.maillon.web.RuleViolationException;

/**
 * XML from uploaded questionnaires, read without the dangers of XML: a document type declaration is
 * refused (so no entity, internal or external, is ever expanded: no XXE, no billion laughs), and a
 * first streaming pass refuses a document nested deeper than {@link #MAX_DEPTH} levels or holding
 * more than {@link #MAX_ELEMENTS} elements before any tree is built (no stack overflow, no memory
 * blow-up). Refusals are {@link RuleViolationException}s on the field {@code file}, with a message
 * code and the line.
 */
final class SafeXml {

    static final int MAX_DEPTH = 200;
    static final int MAX_ELEMENTS = 2_000_000;

    private SafeXml() {
    }

    /** A document read, with the line each element starts on. */
    record Parsed(Document document, Map<Element, Integer> lines) {

        int line(Element element) {
            return lines.getOrDefault(element, 0);
        }
    }

    /** The document, after the checks; a refusal names the line where the file goes wrong. */
    static Parsed read(byte[] content) {
        List<Integer> starts = screen(content);
        Document document = build(content);
        Map<Element, Integer> lines = new IdentityHashMap<>();
        NodeList elements = document.getElementsByTagName("*");
        for (int i = 0; i < elements.getLength() && i < starts.size(); i++) {
            lines.put((Element) elements.item(i), starts.get(i));
        }
        return new Parsed(document, lines);
    }

    private static Document build(byte[] content) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity");
            });
            return builder.parse(new InputSource(new ByteArrayInputStream(content)));
        }
        catch (SAXParseException ex) {
            throw new RuleViolationException("file", "import.xml.invalid", ex.getLineNumber());
        }
        catch (SAXException | IOException ex) {
            throw new RuleViolationException("file", "import.xml.invalid", 0);
        }
        catch (ParserConfigurationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The streaming pass: no document type, bounded depth and size. */
    private static List<Integer> screen(byte[] content) {
        Screen handler = new Screen();
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            SAXParser parser = factory.newSAXParser();
            parser.parse(new InputSource(new ByteArrayInputStream(content)), handler);
            return handler.starts;
        }
        catch (Refused ex) {
            throw new RuleViolationException("file", ex.code, ex.line, ex.limit);
        }
        catch (SAXParseException ex) {
            String message = String.valueOf(ex.getMessage());
            if (message.contains("DOCTYPE")) {
                throw new RuleViolationException("file", "import.xml.doctype", Math.max(ex.getLineNumber(), 1));
            }
            throw new RuleViolationException("file", "import.xml.invalid", ex.getLineNumber());
        }
        catch (SAXException | IOException ex) {
            throw new RuleViolationException("file", "import.xml.invalid", 0);
        }
        catch (ParserConfigurationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static final class Screen extends DefaultHandler {

        private org.xml.sax.@Nullable Locator locator;
        private int depth;
        private int elements;
        private final List<Integer> starts = new ArrayList<>();

        @Override
        public void setDocumentLocator(org.xml.sax.Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            if (++depth > MAX_DEPTH) {
                throw new Refused("import.xml.tooDeep", line(), MAX_DEPTH);
            }
            if (++elements > MAX_ELEMENTS) {
                throw new Refused("import.xml.tooLarge", line(), MAX_ELEMENTS);
            }
            starts.add(line());
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            depth--;
        }

        private int line() {
            return locator == null ? 0 : locator.getLineNumber();
        }
    }

    /** A limit reached during the streaming pass. */
    private static final class Refused extends SAXException {

        private final String code;
        private final int line;
        private final int limit;

        Refused(String code, int line, int limit) {
            super(code);
            this.code = code;
            this.line = line;
            this.limit = limit;
        }
    }

    /** An element's child elements, in order. */
    static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getLocalName() != null) {
                children.add(element);
            }
        }
        return children;
    }

    /** An element's first child element of that local name, if any. */
    static @Nullable Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }
}
