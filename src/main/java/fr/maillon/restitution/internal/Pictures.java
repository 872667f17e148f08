package fr.maillon.restitution.internal;

import java.io.StringReader;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Checks a picture that came from outside (a finalised report in an exchange file) before a page
 * shows it as it is: only the SVG that Maillon itself draws (diagrams and charts), nothing that
 * could run, load or link anything.
 */
public final class Pictures {

    private static final Set<String> ELEMENTS = Set.of("svg", "title", "defs", "marker", "path", "rect", "polyline",
            "line", "g", "text");

    private static final Set<String> ATTRIBUTES = Set.of("aria-label", "class", "d", "data-id", "fill",
            "font-family", "font-size", "font-weight", "height", "id", "marker-end", "markerHeight", "markerWidth",
            "orient", "points", "refX", "refY", "role", "rx", "stroke", "stroke-dasharray", "stroke-width",
            "text-anchor", "viewBox", "width", "x", "y", "x1", "y1", "x2", "y2");

    private static final Pattern URL = Pattern.compile("url\\(", Pattern.CASE_INSENSITIVE);

    private static final Pattern LOCAL_URL = Pattern.compile("url\\(#[A-Za-z0-9_-]+\\)");

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    private Pictures() {
    }

    /** Whether the text is empty or an SVG drawing made only of shapes and text, with no script, link or outside resource. */
    public static boolean safe(String svg) {
        if (svg.isEmpty()) {
            return true;
        }
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new StringReader(svg));
            try {
                boolean root = true;
                while (reader.hasNext()) {
                    switch (reader.next()) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            if (!ELEMENTS.contains(reader.getLocalName()) || root && !"svg".equals(reader.getLocalName())
                                    || !safeAttributes(reader)) {
                                return false;
                            }
                            root = false;
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.END_ELEMENT,
                                XMLStreamConstants.END_DOCUMENT -> {
                        }
                        default -> {
                            return false;
                        }
                    }
                }
                return !root;
            }
            finally {
                reader.close();
            }
        }
        catch (XMLStreamException | RuntimeException ex) {
            return false;
        }
    }

    private static boolean safeAttributes(XMLStreamReader reader) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String prefix = reader.getAttributePrefix(i);
            String value = reader.getAttributeValue(i);
            if (prefix != null && !prefix.isEmpty() || !ATTRIBUTES.contains(reader.getAttributeLocalName(i))
                    || URL.matcher(value).find() && !LOCAL_URL.matcher(value).matches()) {
                return false;
            }
        }
        return true;
    }
}
