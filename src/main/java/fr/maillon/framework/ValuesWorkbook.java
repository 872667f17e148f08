package fr.maillon.framework;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import fr.maillon.chain.EvaluationService;
import fr.maillon.web.Downloads;
import fr.maillon.web.SpreadsheetCells;
import fr.maillon.web.Texts;

import static fr.maillon.web.SpreadsheetCells.number;
import static fr.maillon.web.SpreadsheetCells.text;

/**
 * Every value of an evaluation in a workbook, one row per value, in the columns the value import
 * reads back (indicator code, period, category, value, comment), with who entered it and when
 * (in the configured zone).
 * The values are read at once (a hundred thousand take some 30 MB); the workbook's rows go to disk
 * as they are written. Texts that a spreadsheet would read as a formula get a leading apostrophe.
 */
@Component
public class ValuesWorkbook {

    private final FrameworkService framework;
    private final MessageSource messages;
    private final EvaluationService evaluations;
    private final Clock clock;

    ValuesWorkbook(FrameworkService framework, MessageSource messages, EvaluationService evaluations, Clock clock) {
        this.evaluations = evaluations;
        this.clock = clock;
        this.framework = framework;
        this.messages = messages;
    }

    public byte[] workbook(long evaluationId) {
        List<ValueLog> logs = framework.valueLogs(evaluationId);
        return SpreadsheetCells.workbook(book -> {
            SXSSFSheet sheet = book.createSheet(label("framework.values.sheet"));
            Row header = sheet.createRow(0);
            String[] columns = { "code", "name", "period", "category", "value", "unit", "source", "comment",
                    "enteredBy", "enteredAt" };
            for (int i = 0; i < columns.length; i++) {
                text(header, i, label("framework.values.column." + columns[i]));
            }
            sheet.createFreezePane(0, 1);
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("dd/mm/yyyy hh:mm"));
            int line = 1;
            for (ValueLog log : logs) {
                Indicator indicator = log.indicator();
                for (ValueLog.Entry entry : log.values()) {
                    Row row = sheet.createRow(line++);
                    text(row, 0, indicator.code());
                    text(row, 1, indicator.name());
                    text(row, 2, entry.period());
                    text(row, 3, entry.category());
                    if (entry.value() != null) {
                        number(row, 4, entry.value());
                    }
                    else {
                        text(row, 4, entry.textValue());
                    }
                    text(row, 5, indicator.unit());
                    text(row, 6, label("framework.source." + entry.source()));
                    text(row, 7, entry.comment());
                    text(row, 8, entry.enteredBy());
                    Cell at = row.createCell(9);
                    at.setCellValue(LocalDateTime.ofInstant(entry.enteredAt(), clock.getZone()));
                    at.setCellStyle(date);
                }
            }
            for (int i = 0; i < columns.length; i++) {
                sheet.setColumnWidth(i, (i == 1 || i == 7 ? 40 : 16) * 256);
            }
        });
    }

    /** The workbook as a download, named after the evaluation. */
    public ResponseEntity<byte[]> download(long evaluationId) {
        String title = evaluations.evaluation(evaluationId).title();
        return Downloads.attachment(workbook(evaluationId), Downloads.XLSX, "valeurs-" + Texts.slug(title, 60)
                + ".xlsx");
    }

    private String label(String code) {
        return messages.getMessage(code, null, LocaleContextHolder.getLocale());
    }
}
