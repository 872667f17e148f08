package fr.maillon.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Cells of the workbooks and CSV files Maillon writes. A text that a spreadsheet would read as a
 * formula (it starts with = + - @, a tab or a carriage return) is written with a leading apostrophe.
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    /** A workbook whose rows go to disk as they are written (a hundred in memory), filled then written out. */
    public static byte[] workbook(Consumer<SXSSFWorkbook> filler) {
        try (SXSSFWorkbook book = new SXSSFWorkbook(100); ByteArrayOutputStream output = new ByteArrayOutputStream()) {
            filler.accept(book);
            book.write(output);
            return output.toByteArray();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static String neutralised(String text) {
        boolean formula = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
        return formula ? "'" + text : text;
    }

    /** A text cell; past a cell's limit (32,767 characters, Excel's), cut with « … ». */
    public static void text(Row row, int column, @Nullable String text) {
        if (text != null) {
            String value = neutralised(text);
            row.createCell(column).setCellValue(value.length() > MAX_CELL
                    ? value.substring(0, MAX_CELL - 1) + "…" : value);
        }
    }

    private static final int MAX_CELL = 32_767;

    public static void number(Row row, int column, @Nullable BigDecimal value) {
        if (value != null) {
            row.createCell(column).setCellValue(value.doubleValue());
        }
    }

    /**
     * A number kept whole in the cell (the spreadsheet computes on the true value), shown with
     * {@code precision} decimals (0 to 4) and thousands separators, as {@link Decimals} writes it.
     */
    public static void number(Row row, int column, @Nullable BigDecimal value, int precision) {
        if (value != null) {
            var cell = row.createCell(column);
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(numberStyle(row.getSheet().getWorkbook(), precision));
        }
    }

    /** The format of numbers with {@code precision} decimals: "#,##0" or "#,##0.0…" (the reader's separators). */
    public static String numberFormat(int precision) {
        int bounded = Math.max(0, Math.min(Decimals.MAX_PRECISION, precision));
        return bounded == 0 ? "#,##0" : "#,##0." + "0".repeat(bounded);
    }

    private static final Map<Workbook, Map<Integer, CellStyle>> STYLES = new WeakHashMap<>();

    /** One style per workbook and precision (a workbook holds a limited number of styles). */
    private static CellStyle numberStyle(Workbook book, int precision) {
        synchronized (STYLES) {
            return STYLES.computeIfAbsent(book, key -> new HashMap<>()).computeIfAbsent(precision, key -> {
                CellStyle style = book.createCellStyle();
                style.setDataFormat(book.createDataFormat().getFormat(numberFormat(precision)));
                return style;
            });
        }
    }

    /** A row of texts (nulls leave their cell empty). */
    public static Row texts(Sheet sheet, int index, @Nullable String... texts) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < texts.length; i++) {
            text(row, i, texts[i]);
        }
        return row;
    }
}
