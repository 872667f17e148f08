package fr.maillon.importing;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;

/**
 * The responses of a LimeSurvey archive (.lsa: the survey's .lss and its responses' .lsr), read as
 * an export headed by codes: a column named {@code 841748X3X3SQ001} in the .lsr (survey, group,
 * question id, subquestion) is headed {@code Q00[SQ001]}, the question's code found in the .lss.
 * Both XML files are read as a stream, without DTDs or entities; the archive's entries are bounded
 * (a zip bomb is refused).
 */
final class LimeSurveyResponses {

    private static final int MAX_ENTRIES = 100;
    /** An entry of the archive, once inflated. */
    private static final long MAX_ENTRY = 256L * 1024 * 1024;
    private static final Pattern FIELD = Pattern.compile("(\\d+)X(\\d+)X(\\d+)(.*)");

    private LimeSurveyResponses() {
    }

    /** Reads the archive's responses through the handler. */
    static AnswerRows.Read read(byte[] content, AnswerRows.Handler handler) {
        Map<String, String> codes = null;
        byte[] responses = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            for (int count = 0; (entry = zip.getNextEntry()) != null; count++) {
                if (count == MAX_ENTRIES) {
                    throw new RuleViolationException("file", "import.answers.lsa");
                }
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (name.endsWith(".lss") && codes == null) {
                    codes = questionCodes(new Bounded(zip));
                }
                else if (name.endsWith(".lsr") && responses == null) {
                    if (codes != null) {
                        // LimeSurvey writes the survey first: the responses are read straight from the archive
                        return rows(new Bounded(zip), codes, handler);
                    }
                    responses = new Bounded(zip).readNBytes(AnswerRows.MAX_BYTES + 1);
                    if (responses.length > AnswerRows.MAX_BYTES) {
                        throw new RuleViolationException("file", "import.answers.lsa");
                    }
                }
            }
        }
        catch (IOException | XMLStreamException | IllegalArgumentException ex) {
            throw new RuleViolationException("file", "import.answers.lsa");
        }
        if (codes == null || responses == null) {
            throw new RuleViolationException("file", "import.answers.lsaEmpty");
        }
        try {
            return rows(new ByteArrayInputStream(responses), codes, handler);
        }
        catch (XMLStreamException | IllegalArgumentException ex) {
            throw new RuleViolationException("file", "import.answers.lsa");
        }
    }

    /** Each question id's code (its {@code title}), subquestions' by their own id too. */
    private static Map<String, String> questionCodes(InputStream lss) throws XMLStreamException {
        Map<String, String> codes = new HashMap<>();
        XMLStreamReader xml = factory().createXMLStreamReader(lss);
        Map<String, String> row = null;
        String field = null;
        StringBuilder text = new StringBuilder();
        int depth = 0;
        int rowDepth = -1;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (xml.getLocalName().equals("row")) {
                    row = new HashMap<>();
                    rowDepth = depth;
                }
                else if (row != null && depth == rowDepth + 1) {
                    field = xml.getLocalName();
                    text.setLength(0);
                }
            }
            else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && field != null
                    && text.length() < 1_000) {
                text.append(xml.getText());
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                if (row != null && depth == rowDepth + 1 && field != null) {
                    row.put(field, text.toString().strip());
                    field = null;
                }
                else if (row != null && depth == rowDepth) {
                    if (row.containsKey("qid") && row.containsKey("title") && row.containsKey("parent_qid")) {
                        codes.putIfAbsent(row.get("qid"), row.get("title"));
                    }
                    row = null;
                }
                depth--;
            }
        }
        return codes;
    }

    /** The .lsr's rows: its field names (as codes) first, then each row's values in that order. */
    private static AnswerRows.Read rows(InputStream lsr, Map<String, String> codes, AnswerRows.Handler handler)
            throws XMLStreamException {
        XMLStreamReader xml = factory().createXMLStreamReader(lsr);
        List<String> fields = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        boolean headed = false;
        String[] cells = null;
        String field = null;
        StringBuilder text = new StringBuilder();
        int rows = 0;
        int line = 1;
        boolean inFields = false;
        boolean inRow = false;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if (name.equals("fields")) {
                    inFields = true;
                }
                else if (inFields && name.equals("fieldname")) {
                    field = name;
                    text.setLength(0);
                }
                else if (name.equals("row")) {
                    if (!headed) {
                        headed = true;
                        List<String> headers = fields.stream().map(given -> header(given, codes)).toList();
                        if (headers.size() > AnswerRows.MAX_COLUMNS) {
                            throw new RuleViolationException("file", "import.answers.tooManyColumns", 1,
                                    headers.size(), AnswerRows.MAX_COLUMNS);
                        }
                        handler.headers(headers);
                    }
                    cells = new String[fields.size()];
                    java.util.Arrays.fill(cells, "");
                    inRow = true;
                }
                else if (inRow) {
                    field = name.startsWith("_") ? name.substring(1) : name;
                    text.setLength(0);
                }
            }
            else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && field != null) {
                if (text.length() + xml.getTextLength() > AnswerRows.MAX_CELL) {
                    throw new RuleViolationException("file", "import.answers.longCell", line + 1, field,
                            AnswerRows.MAX_CELL);
                }
                text.append(xml.getText());
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                String name = xml.getLocalName();
                if (inFields && name.equals("fieldname")) {
                    index.put(text.toString().strip(), fields.size());
                    fields.add(text.toString().strip());
                    field = null;
                }
                else if (name.equals("fields")) {
                    inFields = false;
                }
                else if (inRow && name.equals("row")) {
                    inRow = false;
                    line++;
                    if (++rows > AnswerRows.MAX_ROWS) {
                        throw new RuleViolationException("file", "import.answers.tooManyRows", AnswerRows.MAX_ROWS);
                    }
                    if (!handler.row(line, cells)) {
                        return new AnswerRows.Read("LimeSurvey (.lsa)", rows);
                    }
                }
                else if (inRow && field != null) {
                    Integer column = index.get(field);
                    String value = text.toString();
                    if (Texts.hasControlCharacters(value)) {
                        throw new RuleViolationException("file", "import.file.cell", line + 1);
                    }
                    if (column != null) {
                        cells[column] = value;
                    }
                    field = null;
                }
            }
        }
        if (!headed) {
            handler.headers(fields.stream().map(given -> header(given, codes)).toList());
        }
        return new AnswerRows.Read("LimeSurvey (.lsa)", rows);
    }

    /** {@code 841748X3X3SQ001} as {@code Q00[SQ001]}; {@code 841748X3X26} as its question's code; others as given. */
    static String header(String field, Map<String, String> codes) {
        Matcher matcher = FIELD.matcher(field);
        if (!matcher.matches()) {
            return field;
        }
        // the question id runs into the subquestion's code: the longest known id wins
        String digits = matcher.group(3);
        String rest = matcher.group(4);
        for (int cut = digits.length(); cut > 0; cut--) {
            String code = codes.get(digits.substring(0, cut));
            if (code != null) {
                String part = digits.substring(cut) + rest;
                return part.isEmpty() ? code : code + "[" + part + "]";
            }
        }
        return field;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }

    /** An entry read at most to {@link #MAX_ENTRY} bytes, never closing the archive. */
    private static final class Bounded extends FilterInputStream {

        private long count;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            if (read >= 0) {
                counted(1);
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        private void counted(int read) {
            count += read;
            if (count > MAX_ENTRY) {
                throw new RuleViolationException("file", "import.answers.lsa");
            }
        }

        @Override
        public void close() {
            // the archive stays open for its next entry
        }
    }
}
