package fr.maillon.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
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
 * The rows of an answers export (CSV, the first sheet of an XLSX workbook, or the responses of a
 * LimeSurvey archive, see {@link LimeSurveyResponses}), given one at a time
 * to a handler as they are read, so that a file of 10,000 responses and 646 columns is never held
 * as a table of strings. The header row comes first; empty rows are passed over. Limits fit real
 * exports: {@value #MAX_COLUMNS} columns, {@value #MAX_ROWS} rows, {@value #MAX_CELL} characters a
 * cell; each refusal says what to do.
 */
final class AnswerRows {

    /** An answers file sent to the API: 64 MB (a page upload keeps the upload limit, 20 MB). */
    static final int MAX_BYTES = 64 * 1024 * 1024;
    static final int MAX_COLUMNS = 2_000;
    static final int MAX_ROWS = 200_000;
    static final int MAX_CELL = 10_000;

    /** What reads the rows; returns false to stop reading (a preview needs the first rows only). */
    interface Handler {

        void headers(List<String> headers);

        boolean row(int line, String[] cells);
    }

    /** How a file was read: its encoding (or XLSX) and its number of data rows read. */
    record Read(String encoding, int rows) {
    }

    private AnswerRows() {
    }

    /** Reads the file through the handler; a file without a header row is refused. */
    static Read read(byte[] content, Handler handler) {
        if (content.length == 0) {
            throw new RuleViolationException("file", "import.file.empty");
        }
        if (content.length > MAX_BYTES) {
            throw new RuleViolationException("file", "import.answers.tooBig", MAX_BYTES / (1024 * 1024));
        }
        boolean zip = content.length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3
                && content[3] == 4;
        if (zip && FileFormat.detect(content, "") == FileFormat.LIMESURVEY_LSA) {
            return LimeSurveyResponses.read(content, handler);
        }
        return zip ? workbook(content, handler) : csv(content, handler);
    }

    // --- CSV ----------------------------------------------------------------------------------

    private static Read csv(byte[] content, Handler handler) {
        Charset charset = validUtf8(content) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
        int start = content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB
                && (content[2] & 0xff) == 0xBF ? 3 : 0;
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(content, start))
                .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get();
        boolean headed = false;
        int rows = 0;
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(content, start, content.length - start),
                charset); CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord record : parser) {
                int line = (int) record.getRecordNumber();
                if (record.size() > MAX_COLUMNS) {
                    throw new RuleViolationException("file", "import.answers.tooManyColumns", line, record.size(),
                            MAX_COLUMNS);
                }
                String[] cells = new String[record.size()];
                boolean blank = true;
                for (int i = 0; i < cells.length; i++) {
                    String cell = record.get(i);
                    cells[i] = cell == null ? "" : cell;
                    if (cells[i].length() > MAX_CELL) {
                        throw new RuleViolationException("file", "import.answers.longCell", line,
                                CellReference.convertNumToColString(i), MAX_CELL);
                    }
                    if (Texts.hasControlCharacters(cells[i])) {
                        throw new RuleViolationException("file", "import.file.cell", line);
                    }
                    blank &= cells[i].isBlank();
                }
                if (blank) {
                    continue;
                }
                if (!headed) {
                    headed = true;
                    handler.headers(List.of(cells));
                    continue;
                }
                if (++rows > MAX_ROWS) {
                    throw new RuleViolationException("file", "import.answers.tooManyRows", MAX_ROWS);
                }
                if (!handler.row(line, cells)) {
                    break;
                }
            }
        }
        catch (IOException | UncheckedIOException | IllegalStateException ex) {
            throw new RuleViolationException("file", "import.answers.csv");
        }
        if (!headed) {
            throw new RuleViolationException("file", "import.file.noHeader");
        }
        return new Read(charset == StandardCharsets.UTF_8 ? "UTF-8" : "Windows-1252", rows);
    }

    /** Whether the bytes are UTF-8, decoded a chunk at a time so that no copy of the file is made. */
    private static boolean validUtf8(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(content);
        CharBuffer output = CharBuffer.allocate(64 * 1024);
        while (true) {
            CoderResult result = decoder.decode(input, output, true);
            if (result.isError()) {
                return false;
            }
            output.clear();
            if (result.isUnderflow()) {
                return !decoder.flush(output).isError();
            }
        }
    }

    /** The separator of the header line: semicolons, tabs or commas, whichever it holds most of outside quotes. */
    private static char delimiter(byte[] content, int start) {
        long semicolons = 0;
        long tabs = 0;
        long commas = 0;
        boolean quoted = false;
        for (int i = start; i < content.length && i < start + 1024 * 1024; i++) {
            byte b = content[i];
            if (b == '"') {
                quoted = !quoted;
            }
            else if (!quoted && b == '\n') {
                break;
            }
            else if (!quoted) {
                semicolons += b == ';' ? 1 : 0;
                tabs += b == '\t' ? 1 : 0;
                commas += b == ',' ? 1 : 0;
            }
        }
        return semicolons >= commas && semicolons >= tabs && semicolons > 0 ? ';' : tabs > commas ? '\t' : ',';
    }

    // --- XLSX ---------------------------------------------------------------------------------

    /** Stops the SAX parse once the handler has read enough. */
    private static final class Enough extends RuntimeException {

        Enough() {
            super(null, null, false, false);
        }
    }

    private static Read workbook(byte[] content, Handler handler) {
        // a sheet's XML may expand at most 100 times, and to at most 200 MB (POI refuses beyond)
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(200L * 1024 * 1024);
        Rows rows = new Rows(handler);
        try (InputStream input = new ByteArrayInputStream(content); OPCPackage opc = OPCPackage.open(input)) {
            XSSFReader reader = new XSSFReader(opc);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(opc, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    XMLReader parser = SAXHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows, new IsoTimes(),
                            false));
                    parser.parse(new InputSource(sheet));
                }
                catch (Enough enough) {
                    // the handler has what it needs
                }
            }
        }
        catch (RuleViolationException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new RuleViolationException("file", "import.file.xlsx");
        }
        if (!rows.headed) {
            throw new RuleViolationException("file", "import.file.noHeader");
        }
        return new Read("XLSX", rows.count);
    }

    /** Dates and times written as ISO text (2024-03-15, 2024-03-15T10:30:00), to be read back surely. */
    private static final class IsoTimes extends DataFormatter {

        IsoTimes() {
            super(Locale.FRANCE);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                var time = DateUtil.getLocalDateTime(value, use1904);
                return value == Math.floor(value) ? time.toLocalDate().toString() : time.withNano(0).toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }

    private static final class Rows implements SheetContentsHandler {

        private final Handler handler;
        private final List<String> current = new ArrayList<>();
        private boolean headed;
        private int count;
        private int line;

        Rows(Handler handler) {
            this.handler = handler;
        }

        @Override
        public void startRow(int rowNum) {
            current.clear();
            line = rowNum + 1;
        }

        @Override
        public void endRow(int rowNum) {
            if (current.stream().allMatch(String::isBlank)) {
                return;
            }
            String[] cells = current.toArray(String[]::new);
            if (!headed) {
                headed = true;
                handler.headers(List.of(cells));
                return;
            }
            if (++count > MAX_ROWS) {
                throw new RuleViolationException("file", "import.answers.tooManyRows", MAX_ROWS);
            }
            if (!handler.row(line, cells)) {
                throw new Enough();
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = new CellReference(reference).getCol();
            if (column >= MAX_COLUMNS) {
                throw new RuleViolationException("file", "import.answers.tooManyColumns", line, column + 1,
                        MAX_COLUMNS);
            }
            String cell = value == null ? "" : value;
            if (cell.length() > MAX_CELL) {
                throw new RuleViolationException("file", "import.answers.longCell", line,
                        CellReference.convertNumToColString(column), MAX_CELL);
            }
            if (Texts.hasControlCharacters(cell)) {
                throw new RuleViolationException("file", "import.file.cell", line);
            }
            while (current.size() < column) {
                current.add("");
            }
            current.add(cell);
        }
    }
}
