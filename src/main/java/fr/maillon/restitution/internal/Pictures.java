package fr.maillon.restitution.internal;

import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Checks a picture that came from outside (a finalised report in an exchange file) before a page
 * shows it as it is: it must be an SVG drawing of the kind Maillon itself makes (the chain's
 * diagram, its actor map, an indicator's chart): shapes and plain text in the SVG namespace, each attribute with a
 * value of its expected form; no script, event, style, link, comment, CDATA section, processing
 * instruction or outside resource, nothing that an HTML parser would read differently.
 */
public final class Pictures {

    private static final String SVG = "http://www.w3.org/2000/svg";
    private static final String XLINK = "http://www.w3.org/1999/xlink";

    /** Elements, and whether they hold text only (no child element). */
    private static final Map<String, Boolean> ELEMENTS = Map.ofEntries(Map.entry("svg", false),
            Map.entry("defs", false), Map.entry("marker", false), Map.entry("g", false), Map.entry("path", false),
            Map.entry("rect", false), Map.entry("polyline", false), Map.entry("line", false),
            Map.entry("circle", false), Map.entry("title", true), Map.entry("text", true));

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,7}(\\.\\d{1,4})?");
    private static final Pattern NUMBERS = Pattern.compile("[-0-9., ]{0,100000}");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{3,6}|none");
    private static final Pattern ID = Pattern.compile("arrow(-[a-z]{1,20})?");
    private static final Pattern WORDS = Pattern.compile("[a-z][a-z -]{0,40}");
    private static final Pattern LABEL = Pattern.compile("[^\\p{Cntrl}]{0,2000}");

    private static final Map<String, Pattern> ATTRIBUTES = Map.ofEntries(Map.entry("width", NUMBER),
            Map.entry("height", NUMBER), Map.entry("x", NUMBER), Map.entry("y", NUMBER), Map.entry("x1", NUMBER),
            Map.entry("y1", NUMBER), Map.entry("x2", NUMBER), Map.entry("y2", NUMBER), Map.entry("rx", NUMBER),
            Map.entry("refX", NUMBER), Map.entry("refY", NUMBER), Map.entry("markerWidth", NUMBER),
            Map.entry("markerHeight", NUMBER), Map.entry("stroke-width", NUMBER), Map.entry("font-size", NUMBER),
            Map.entry("viewBox", NUMBERS), Map.entry("points", NUMBERS), Map.entry("stroke-dasharray", NUMBERS),
            Map.entry("d", Pattern.compile("[MLZz0-9., -]{1,10000}")), Map.entry("fill", COLOUR),
            Map.entry("stroke", COLOUR), Map.entry("id", ID),
            Map.entry("marker-end", Pattern.compile("url\\(#" + ID.pattern() + "\\)")), Map.entry("orient",
                    Pattern.compile("auto")), Map.entry("role", Pattern.compile("img|group")), Map.entry("text-anchor",
                            Pattern.compile("start|middle|end")), Map.entry("font-weight", Pattern.compile("bold")),
            Map.entry("font-family", Pattern.compile("[A-Za-z ,-]{1,60}")), Map.entry("class", WORDS),
            Map.entry("data-id", Pattern.compile("[a-z]?\\d{1,19}")), Map.entry("aria-label", LABEL),
            Map.entry("data-column", Pattern.compile("\\d")), Map.entry("data-hypothesis", Pattern.compile("[A-Z_]{1,20}")),
            Map.entry("data-target", Pattern.compile("[A-Z_]{1,20}")), Map.entry("cx", NUMBER), Map.entry("cy", NUMBER),
            Map.entry("r", NUMBER), Map.entry("data-ring", Pattern.compile("[A-Z_]{1,20}")),
            Map.entry("data-from", Pattern.compile("s\\d{1,19}")), Map.entry("data-to", Pattern.compile("s\\d{1,19}")),
            Map.entry("data-provenance", LABEL));

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_COALESCING, false);
        FACTORY.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    private Pictures() {
    }

    /** Whether the text is empty or such a drawing. */
    public static boolean safe(String svg) {
        if (svg.isEmpty()) {
            return true;
        }
        // a literal "<" can only open markup: "<!" and "<?" are CDATA, comments, declarations, instructions
        if (!svg.startsWith("<svg ") || svg.contains("<!") || svg.contains("<?")) {
            return false;
        }
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new StringReader(svg));
            try {
                return drawing(reader);
            }
            finally {
                reader.close();
            }
        }
        catch (XMLStreamException | RuntimeException ex) {
            return false;
        }
    }

    private static boolean drawing(XMLStreamReader reader) throws XMLStreamException {
        int depth = 0;
        boolean root = true;
        boolean textOnly = false;
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    String name = reader.getLocalName();
                    String prefix = reader.getPrefix();
                    if (textOnly || !ELEMENTS.containsKey(name) || root != "svg".equals(name)
                            || prefix != null && !prefix.isEmpty() || !SVG.equals(reader.getNamespaceURI())
                            || !namespaces(reader, root) || !attributes(reader)) {
                        return false;
                    }
                    textOnly = ELEMENTS.get(name);
                    root = false;
                    depth++;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    textOnly = false;
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> {
                    if (depth == 0 && !reader.isWhiteSpace()) {
                        return false;
                    }
                }
                case XMLStreamConstants.END_DOCUMENT -> {
                    return !root && depth == 0;
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    /** The root declares the SVG namespace (and XLink's, which the diagram declares); no other element declares any. */
    private static boolean namespaces(XMLStreamReader reader, boolean root) {
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = reader.getNamespacePrefix(i);
            String uri = reader.getNamespaceURI(i);
            boolean allowed = root && ((prefix == null || prefix.isEmpty()) && SVG.equals(uri)
                    || "xlink".equals(prefix) && XLINK.equals(uri));
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static boolean attributes(XMLStreamReader reader) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String namespace = reader.getAttributeNamespace(i);
            Pattern form = ATTRIBUTES.get(reader.getAttributeLocalName(i));
            if (namespace != null && !namespace.equals(XMLConstants.NULL_NS_URI) || form == null
                    || !form.matcher(reader.getAttributeValue(i)).matches()) {
                return false;
            }
        }
        return true;
    }
}
