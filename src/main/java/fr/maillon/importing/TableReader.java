package fr.maillon.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;

/**
 * Reads the sheets of an uploaded file: an XLSX workbook (streamed, so that a big sheet is not held
 * twice; POI refuses zip bombs and external entities), or a CSV file in UTF-8 or, failing that,
 * Windows-1252 (what French spreadsheets save), separated by semicolons, commas or tabs.
 */
public final class TableReader {

    /** Files are at most 20 MB; a sheet at most 200,000 rows of 300 columns (XLSX, XLS through POI HSSF, or CSV). */
    public static final int MAX_BYTES = 20 * 1024 * 1024;
    static final int MAX_ROWS = 200_000;
    static final int MAX_COLUMNS = 300;
    /** A cell as long as a spreadsheet allows; each reader bounds its own texts and names those beyond. */
    static final int MAX_CELL = 32_767;
    /** At most 5 million cells in a workbook, whatever its shape. */
    static final long MAX_CELLS = 5_000_000;

    private TableReader() {
    }

    /** The first sheet of the file. */
    public static Table read(byte[] content) {
        return sheets(content).values().iterator().next();
    }

    /** Every sheet of the file, by name (a CSV file has one, named "csv"). */
    public static Map<String, Table> sheets(byte[] content) {
        if (content.length == 0) {
            throw new RuleViolationException("file", "import.file.empty");
        }
        if (content.length > MAX_BYTES) {
            throw new RuleViolationException("file", "import.file.tooBig", MAX_BYTES / (1024 * 1024));
        }
        if (isZip(content)) {
            return workbook(content);
        }
        return FileFormat.detect(content, "") == FileFormat.XLS ? OldWorkbooks.sheets(content) : Map.of("csv", csv(content));
    }

    private static boolean isZip(byte[] content) {
        return content.length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    // --- CSV ----------------------------------------------------------------------------------

    private static Table csv(byte[] content) {
        String encoding = "UTF-8";
        String text;
        try {
            text = decode(content, StandardCharsets.UTF_8);
        }
        catch (CharacterCodingException ex) {
            encoding = "Windows-1252";
            text = new String(content, Charset.forName("windows-1252"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\u0000') >= 0) {
            throw new RuleViolationException("file", "import.file.binary");
        }
        char delimiter = delimiter(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(true).get();
        List<String> headers = null;
        List<Table.Row> rows = new ArrayList<>();
        long line = 1;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                line = parser.getCurrentLineNumber() + 1;
                List<String> cells = cells(record.toList(), (int) parser.getCurrentLineNumber());
                if (headers == null) {
                    if (cells.stream().allMatch(String::isBlank)) {
                        continue;
                    }
                    headers = cells;
                    continue;
                }
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (rows.size() == MAX_ROWS) {
                    throw new RuleViolationException("file", "import.file.tooManyRows", MAX_ROWS);
                }
                rows.add(new Table.Row((int) record.getRecordNumber(), cells));
            }
        }
        catch (IOException | java.io.UncheckedIOException | IllegalStateException ex) {
            // the parser's own text (an exception class, a Java message) is no use to people: the line is
            throw new RuleViolationException("file", "import.file.csv", line);
        }
        if (headers == null) {
            throw new RuleViolationException("file", "import.file.noHeader");
        }
        return new Table(headers, rows, encoding);
    }

    private static String decode(byte[] content, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
    }

    /** The separator of the first line: semicolons, tabs or commas, whichever it holds most of. */
    private static char delimiter(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        long semicolons = first.chars().filter(c -> c == ';').count();
        long tabs = first.chars().filter(c -> c == '\t').count();
        long commas = first.chars().filter(c -> c == ',').count();
        return semicolons >= commas && semicolons >= tabs && semicolons > 0 ? ';' : tabs > commas ? '\t' : ',';
    }

    static List<String> cells(List<String> values, int line) {
        if (values.size() > MAX_COLUMNS) {
            throw new RuleViolationException("file", "import.file.tooManyColumns", MAX_COLUMNS);
        }
        List<String> cells = new ArrayList<>(values.size());
        for (String value : values) {
            String cell = value == null ? "" : value;
            if (cell.length() > MAX_CELL || Texts.hasControlCharacters(cell)) {
                throw new RuleViolationException("file", "import.file.cell", line);
            }
            cells.add(cell);
        }
        return cells;
    }

    // --- XLSX ---------------------------------------------------------------------------------

    private static Map<String, Table> workbook(byte[] content) {
        // a sheet's XML may expand at most 100 times, and to at most 200 MB (POI refuses beyond)
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(200L * 1024 * 1024);
        Map<String, Table> sheets = new LinkedHashMap<>();
        try (InputStream input = new ByteArrayInputStream(content);
                OPCPackage opc = OPCPackage.open(input)) {
            XSSFReader reader = new XSSFReader(opc);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(opc, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator iterator = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (iterator.hasNext()) {
                try (InputStream sheet = iterator.next()) {
                    Collector collector = new Collector();
                    XMLReader parser = SAXHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, collector,
                            new IsoDates(), false));
                    parser.parse(new InputSource(sheet));
                    if (collector.headers != null) {
                        sheets.put(iterator.getSheetName(), new Table(collector.headers, collector.rows, "XLSX"));
                    }
                }
            }
        }
        catch (RuleViolationException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new RuleViolationException("file", "import.file.xlsx");
        }
        if (sheets.isEmpty()) {
            throw new RuleViolationException("file", "import.file.noHeader");
        }
        return sheets;
    }

    /** Formats cells as a French spreadsheet shows them, except dates, written as 2024-03-15 to be read back surely. */
    private static final class IsoDates extends DataFormatter {

        IsoDates() {
            super(Locale.FRANCE);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904).toLocalDate().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }

    /** Rows of a sheet as the parser meets them; empty cells in between are kept empty. */
    private static final class Collector implements SheetContentsHandler {

        private List<String> headers;
        private final List<Table.Row> rows = new ArrayList<>();
        private List<String> current;
        private long cells;

        @Override
        public void startRow(int rowNum) {
            current = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            if (current.stream().allMatch(String::isBlank)) {
                return;
            }
            if (headers == null) {
                headers = current;
                return;
            }
            if (rows.size() == MAX_ROWS) {
                throw new RuleViolationException("file", "import.file.tooManyRows", MAX_ROWS);
            }
            rows.add(new Table.Row(rowNum + 1, cells(current, rowNum + 1)));
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = new org.apache.poi.ss.util.CellReference(reference).getCol();
            if (column >= MAX_COLUMNS) {
                throw new RuleViolationException("file", "import.file.tooManyColumns", MAX_COLUMNS);
            }
            if (++cells > MAX_CELLS) {
                throw new RuleViolationException("file", "import.file.tooManyRows", MAX_ROWS);
            }
            while (current.size() < column) {
                current.add("");
            }
            current.add(value == null ? "" : value);
        }
    }
}
