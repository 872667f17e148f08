package fr.maillon.importing.dhis2;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

import fr.maillon.importing.FileFormat;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;

/**
 * Reads DHIS2 dataValueSets as DHIS2 exports them: JSON ({@code {"dataValues": [...]}}), XML
 * ({@code <dataValueSet><dataValue .../></dataValueSet>}) and CSV, with DHIS2's header
 * ({@code dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,...}) or without
 * (then in that order). XML is read without DTD or external entities (a DOCTYPE is refused) and at
 * most {@value #MAX_DEPTH} elements deep; JSON at most {@value #MAX_DEPTH} levels deep. A file holds
 * at most {@value #MAX_VALUES} values. Problems are message codes naming the line, never a parser's
 * own text.
 */
public final class DataValueSets {

    static final int MAX_VALUES = 200_000;
    static final int MAX_DEPTH = 16;
    private static final int MAX_TEXT = 10_000;
    /** A DHIS2 identifier (11 characters, a letter first) or a code, then a DHIS2 period. */
    private static final Pattern UID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,49}");
    private static final Pattern PERIOD_LIKE = Pattern.compile("\\d{4}[0-9A-Za-z]{0,8}");
    private static final List<String> CSV_COLUMNS = List.of("dataelement", "period", "orgunit", "categoryoptioncombo",
            "attributeoptioncombo", "value", "storedby", "timestamp", "comment", "followup");

    private DataValueSets() {
    }

    /**
     * The format of a file, as {@link FileFormat#detect} tells it, except that a CSV file without a
     * header whose rows are DHIS2's (an identifier, a DHIS2 period, then at least four more columns)
     * is a DHIS2 CSV.
     */
    public static FileFormat format(byte[] content, String filename) {
        FileFormat format = FileFormat.detect(content, filename);
        if (format == FileFormat.CSV && headerlessDhis2(content)) {
            return FileFormat.DHIS2_CSV;
        }
        return format;
    }

    public static boolean isDhis2(FileFormat format) {
        return format == FileFormat.DHIS2_CSV || format == FileFormat.DHIS2_JSON || format == FileFormat.DHIS2_XML;
    }

    /** The values of a DHIS2 file of this format. */
    public static List<Dhis2Value> read(byte[] content, FileFormat format) {
        return switch (format) {
            case DHIS2_JSON -> json(content);
            case DHIS2_XML -> xml(content);
            case DHIS2_CSV -> csv(content);
            default -> throw new IllegalArgumentException("not a DHIS2 format: " + format);
        };
    }

    private static boolean headerlessDhis2(byte[] content) {
        String text = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.UTF_8);
        String first = text.lines().findFirst().orElse("");
        try (CSVParser parser = CSVParser.parse(new StringReader(first), CSVFormat.DEFAULT)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.isEmpty()) {
                return false;
            }
            List<String> cells = records.get(0).toList();
            return cells.size() >= 6 && UID.matcher(cells.get(0)).matches()
                    && PERIOD_LIKE.matcher(cells.get(1)).matches() && UID.matcher(cells.get(2)).matches();
        }
        catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    // --- CSV ----------------------------------------------------------------------------------

    private static List<Dhis2Value> csv(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Dhis2Value> values = new ArrayList<>();
        Map<String, Integer> columns = null;
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                int line = (int) record.getRecordNumber();
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (columns == null) {
                    columns = new HashMap<>();
                    boolean header = Texts.fold(cells.get(0)).strip().replace(" ", "").equals("dataelement");
                    List<String> names = header ? cells.stream().map(cell -> column(cell)).toList() : CSV_COLUMNS;
                    for (int i = 0; i < names.size(); i++) {
                        columns.putIfAbsent(names.get(i), i);
                    }
                    if (!columns.containsKey("dataelement") || !columns.containsKey("period")
                            || !columns.containsKey("value")) {
                        throw new RuleViolationException("file", "import.dhis2.csvHeader");
                    }
                    if (header) {
                        continue;
                    }
                }
                check(values.size(), cells);
                values.add(new Dhis2Value(line, cell(cells, columns, "dataelement"), cell(cells, columns, "period"),
                        cell(cells, columns, "orgunit"), cell(cells, columns, "categoryoptioncombo"),
                        cell(cells, columns, "attributeoptioncombo"), cell(cells, columns, "value"),
                        cell(cells, columns, "comment")));
            }
        }
        catch (IOException | java.io.UncheckedIOException | IllegalStateException ex) {
            throw new RuleViolationException("file", "import.dhis2.malformed", values.size() + 1);
        }
        return values;
    }

    /** A header as DHIS2 writes it, or as its older exports did ("catoptcombo", "attroptcombo"). */
    private static String column(String header) {
        String name = Texts.fold(header).strip().replace(" ", "").replace("_", "");
        return switch (name) {
            case "catoptcombo", "categoryoptioncomboid", "coc" -> "categoryoptioncombo";
            case "attroptcombo", "attributeoptioncomboid", "aoc" -> "attributeoptioncombo";
            case "organisationunit", "ou" -> "orgunit";
            case "de" -> "dataelement";
            case "pe" -> "period";
            default -> name;
        };
    }

    private static String cell(List<String> cells, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null || index >= cells.size() || cells.get(index) == null ? "" : cells.get(index).strip();
    }

    private static void check(int count, List<String> cells) {
        if (count >= MAX_VALUES) {
            throw new RuleViolationException("file", "import.dhis2.tooMany", MAX_VALUES);
        }
        for (String cell : cells) {
            if (cell != null && cell.length() > MAX_TEXT) {
                throw new RuleViolationException("file", "import.dhis2.malformed", count + 1);
            }
        }
    }

    // --- XML ----------------------------------------------------------------------------------

    private static List<Dhis2Value> xml(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 64 * 1024), StandardCharsets.UTF_8)
                .toUpperCase(Locale.ROOT);
        if (head.contains("<!DOCTYPE") || head.contains("<!ENTITY")) {
            throw new RuleViolationException("file", "import.dhis2.doctype");
        }
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        List<Dhis2Value> values = new ArrayList<>();
        List<RawValue> raw = new ArrayList<>();
        Map<String, String> set = new HashMap<>();
        XMLStreamReader reader = null;
        int line = 0;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(content));
            int depth = 0;
            boolean root = true;
            while (reader.hasNext()) {
                int event = reader.next();
                line = reader.getLocation().getLineNumber();
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new RuleViolationException("file", "import.dhis2.doctype");
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (++depth > MAX_DEPTH) {
                    throw new RuleViolationException("file", "import.dhis2.tooDeep", line, MAX_DEPTH);
                }
                String name = reader.getLocalName();
                if (root) {
                    root = false;
                    if (!name.equals("dataValueSet")) {
                        throw new RuleViolationException("file", "import.dhis2.root", name);
                    }
                    set = attributes(reader);
                }
                else if (name.equals("dataValue") && depth == 2) {
                    if (raw.size() >= MAX_VALUES) {
                        throw new RuleViolationException("file", "import.dhis2.tooMany", MAX_VALUES);
                    }
                    raw.add(new RawValue(line, attributes(reader)));
                }
            }
        }
        catch (XMLStreamException | RuntimeException ex) {
            if (ex instanceof RuleViolationException violation) {
                throw violation;
            }
            throw new RuleViolationException("file", "import.dhis2.malformed", Math.max(line, 1));
        }
        finally {
            close(reader);
        }
        for (RawValue value : raw) {
            values.add(value.with(set));
        }
        return values;
    }

    private static Map<String, String> attributes(XMLStreamReader reader) {
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String value = reader.getAttributeValue(i);
            if (value != null && value.length() > MAX_TEXT) {
                throw new RuleViolationException("file", "import.dhis2.malformed",
                        reader.getLocation().getLineNumber());
            }
            attributes.put(reader.getAttributeLocalName(i), value == null ? "" : value.strip());
        }
        return attributes;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            }
            catch (XMLStreamException ex) {
                // nothing more to read
            }
        }
    }

    /** A value's fields as the file names them, and its line; the set's fields complete it. */
    private record RawValue(int line, Map<String, String> fields) {

        Dhis2Value with(Map<String, String> set) {
            return new Dhis2Value(line, field("dataElement", set, false), field("period", set, true),
                    field("orgUnit", set, true), field("categoryOptionCombo", set, false),
                    field("attributeOptionCombo", set, true), field("value", set, false),
                    field("comment", set, false));
        }

        private String field(String name, Map<String, String> set, boolean inherited) {
            String own = fields.getOrDefault(name, "");
            return own.isBlank() && inherited ? set.getOrDefault(name, "") : own;
        }
    }

    // --- JSON ---------------------------------------------------------------------------------

    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_TEXT).maxNameLength(200).build()).build();

    private static List<Dhis2Value> json(byte[] content) {
        List<RawValue> raw = new ArrayList<>();
        Map<String, String> set = new HashMap<>();
        int line = 1;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), content)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new RuleViolationException("file", "import.dhis2.jsonRoot");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                line = line(parser);
                if (name.equals("dataValues") && token == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        if (raw.size() >= MAX_VALUES) {
                            throw new RuleViolationException("file", "import.dhis2.tooMany", MAX_VALUES);
                        }
                        line = line(parser);
                        raw.add(new RawValue(line, object(parser)));
                    }
                    if (parser.currentToken() != JsonToken.END_ARRAY) {
                        throw new RuleViolationException("file", "import.dhis2.malformed", line(parser));
                    }
                }
                else if (token.isScalarValue()) {
                    set.put(name, parser.getString());
                }
                else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new RuleViolationException("file", "import.dhis2.malformed", line(parser));
            }
        }
        catch (JacksonException ex) {
            throw new RuleViolationException("file", "import.dhis2.malformed", line);
        }
        return raw.stream().map(value -> value.with(set)).toList();
    }

    /** A data value's fields; a value given as a number or a boolean is kept as written. */
    private static Map<String, String> object(JsonParser parser) {
        Map<String, String> fields = new HashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (token.isScalarValue()) {
                fields.put(name, token == JsonToken.VALUE_NULL ? "" : parser.getString().strip());
            }
            else {
                parser.skipChildren();
            }
        }
        return fields;
    }

    private static int line(JsonParser parser) {
        return (int) Math.max(1, parser.currentTokenLocation().getLineNr());
    }
}
