package fr.maillon.importing;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

import fr.maillon.web.RuleViolationException;

/**
 * The sheets of an Excel 97-2003 workbook (.xls, what older KoboToolbox and ODK forms and pyxform's
 * examples come as), read through POI HSSF with the same limits as {@link TableReader}: cells as
 * a French spreadsheet shows them, dates as 2024-03-15, a formula's last computed value.
 */
final class OldWorkbooks {

    private OldWorkbooks() {
    }

    static Map<String, Table> sheets(byte[] content) {
        Map<String, Table> sheets = new LinkedHashMap<>();
        DataFormatter formatter = new DataFormatter(Locale.FRANCE);
        long cells = 0;
        try (HSSFWorkbook workbook = new HSSFWorkbook(new ByteArrayInputStream(content))) {
            for (Sheet sheet : workbook) {
                List<String> headers = null;
                List<Table.Row> rows = new ArrayList<>();
                for (Row row : sheet) {
                    List<String> current = new ArrayList<>();
                    for (Cell cell : row) {
                        if (cell.getColumnIndex() >= TableReader.MAX_COLUMNS) {
                            throw new RuleViolationException("file", "import.file.tooManyColumns",
                                    TableReader.MAX_COLUMNS);
                        }
                        if (++cells > TableReader.MAX_CELLS) {
                            throw new RuleViolationException("file", "import.file.tooManyRows", TableReader.MAX_ROWS);
                        }
                        while (current.size() < cell.getColumnIndex()) {
                            current.add("");
                        }
                        current.add(text(cell, formatter));
                    }
                    if (current.stream().allMatch(String::isBlank)) {
                        continue;
                    }
                    if (headers == null) {
                        headers = current;
                        continue;
                    }
                    if (rows.size() == TableReader.MAX_ROWS) {
                        throw new RuleViolationException("file", "import.file.tooManyRows", TableReader.MAX_ROWS);
                    }
                    rows.add(new Table.Row(row.getRowNum() + 1, TableReader.cells(current, row.getRowNum() + 1)));
                }
                if (headers != null) {
                    sheets.put(sheet.getSheetName(), new Table(headers, rows, "XLS"));
                }
            }
        }
        catch (RuleViolationException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new RuleViolationException("file", "import.file.xls");
        }
        if (sheets.isEmpty()) {
            throw new RuleViolationException("file", "import.file.noHeader");
        }
        return sheets;
    }

    private static String text(Cell cell, DataFormatter formatter) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getRichStringCellValue().getString();
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
                    : cell.getCellType() == CellType.FORMULA
                            ? formatter.formatRawCellContents(cell.getNumericCellValue(),
                                    cell.getCellStyle().getDataFormat(), cell.getCellStyle().getDataFormatString())
                            : formatter.formatCellValue(cell);
            default -> "";
        };
    }
}
