package fr.maillon.importing;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.DataGrid;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.Period;
import fr.maillon.framework.PeriodType;
import fr.maillon.web.Downloads;
import fr.maillon.web.SpreadsheetCells;
import fr.maillon.web.Texts;

/**
 * A workbook to fill in the wide layout: one column per indicator entered by hand (its code as
 * header), one row per period of the evaluation at the frequency most of its indicators have, with
 * the totals already recorded; a second sheet names each code. The value import reads it back as it
 * is (first sheet), once filled; categories of a disaggregation stay in the long layout.
 */
@Component
public class WideTemplate {

    private final FrameworkService framework;
    private final EvaluationService evaluations;
    private final MessageSource messages;

    WideTemplate(FrameworkService framework, EvaluationService evaluations, MessageSource messages) {
        this.framework = framework;
        this.evaluations = evaluations;
        this.messages = messages;
    }

    public byte[] workbook(long evaluationId) {
        List<Indicator> indicators = framework.indicators(evaluationId);
        PeriodType frequency = indicators.stream().collect(Collectors.groupingBy(Indicator::frequency,
                Collectors.counting())).entrySet().stream().max(Map.Entry.<PeriodType, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(PeriodType.YEAR);
        DataGrid grid = framework.grid(evaluationId, frequency, false);
        List<DataGrid.Row> columns = grid.rows().stream().filter(row -> row.category() == 0).toList();
        Map<Long, Indicator> byId = indicators.stream().collect(Collectors.toMap(Indicator::id, Function.identity()));
        return SpreadsheetCells.workbook(book -> {
            SXSSFSheet sheet = book.createSheet(label("import.wide.sheet"));
            Row header = sheet.createRow(0);
            SpreadsheetCells.text(header, 0, label("import.wide.period"));
            for (int i = 0; i < columns.size(); i++) {
                SpreadsheetCells.text(header, i + 1, columns.get(i).indicator().code());
            }
            sheet.createFreezePane(1, 1);
            int line = 1;
            for (Period period : grid.periods()) {
                Row row = sheet.createRow(line++);
                SpreadsheetCells.text(row, 0, period.code());
                for (int i = 0; i < columns.size(); i++) {
                    String cell = grid.cell(columns.get(i), period.code());
                    BigDecimal number = number(cell);
                    if (number != null) {
                        SpreadsheetCells.number(row, i + 1, number);
                    }
                    else if (!cell.isEmpty()) {
                        SpreadsheetCells.text(row, i + 1, cell);
                    }
                }
            }
            sheet.setColumnWidth(0, 16 * 256);
            SXSSFSheet help = book.createSheet(label("import.wide.help"));
            SpreadsheetCells.texts(help, 0, label("import.wide.code"), label("import.wide.name"),
                    label("import.wide.unit"));
            int helpLine = 1;
            for (DataGrid.Row column : columns) {
                Indicator indicator = byId.getOrDefault(column.indicator().id(), column.indicator());
                SpreadsheetCells.texts(help, helpLine++, indicator.code(), indicator.name(), indicator.displayUnit());
            }
            help.setColumnWidth(1, 50 * 256);
        });
    }

    public ResponseEntity<byte[]> download(long evaluationId) {
        String title = evaluations.evaluation(evaluationId).title();
        return Downloads.attachment(workbook(evaluationId), Downloads.XLSX, "modele-large-" + Texts.slug(title, 60)
                + ".xlsx");
    }

    private static @Nullable BigDecimal number(String cell) {
        String cleaned = cell.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace(',', '.');
        return cleaned.matches("-?\\d{1,14}(\\.\\d{1,4})?") ? new BigDecimal(cleaned) : null;
    }

    private String label(String code) {
        return messages.getMessage(code, null, LocaleContextHolder.getLocale());
    }
}
