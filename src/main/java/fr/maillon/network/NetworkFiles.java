package fr.maillon.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

import static fr.maillon.web.SpreadsheetCells.neutralised;
import static fr.maillon.web.SpreadsheetCells.number;
import static fr.maillon.web.SpreadsheetCells.texts;
import static fr.maillon.web.SpreadsheetCells.workbook;

/**
 * The network's figures as files: an entry's aggregates and each structure's values as a workbook,
 * the annual summary as a workbook or as CSV (semicolons and decimal commas, as French spreadsheets
 * read them, with a byte-order mark). A hidden group leaves its figures empty.
 */
public final class NetworkFiles {

    private static final String[] AGGREGATE_HEADER = { "Période", "Structures", "Total", "Moyenne", "1er quartile",
            "Médiane", "3e quartile", "Minimum", "Maximum" };
    private static final String[] SUMMARY_HEADER = { "Thème", "Code", "Indicateur", "Unité", "Structures", "Total",
            "Moyenne", "Médiane" };

    private NetworkFiles() {
    }

    public static byte[] entryWorkbook(EntryFigures figures) {
        return workbook(book -> {
            Sheet aggregates = book.createSheet("Agrégats");
            texts(aggregates, 0, figures.entry().name(), figures.organisation().name());
            texts(aggregates, 1, AGGREGATE_HEADER);
            int index = 2;
            for (Aggregate aggregate : figures.aggregates()) {
                Row row = texts(aggregates, index++, aggregate.period());
                row.createCell(1).setCellValue(aggregate.structures());
                List<@Nullable BigDecimal> numbers = Arrays.asList(aggregate.total(), aggregate.average(),
                        aggregate.firstQuartile(), aggregate.median(), aggregate.thirdQuartile(), aggregate.minimum(),
                        aggregate.maximum());
                for (int i = 0; i < numbers.size(); i++) {
                    number(row, i + 2, numbers.get(i));
                }
            }
            Sheet values = book.createSheet("Structures");
            texts(values, 0, "Structure", "Période", "Valeur");
            index = 1;
            for (StructureValue value : figures.values()) {
                number(texts(values, index++, value.name(), value.period()), 2, value.value());
            }
        });
    }

    public static byte[] summaryWorkbook(AnnualSummary summary) {
        return workbook(book -> {
            Sheet sheet = book.createSheet("Synthèse " + summary.year());
            int index = 0;
            for (List<String> line : heading(summary)) {
                texts(sheet, index++, line.toArray(String[]::new));
            }
            texts(sheet, index++, SUMMARY_HEADER);
            for (AnnualSummary.Line line : summary.lines()) {
                Row row = texts(sheet, index++, line.entry().theme(), line.entry().code(), line.entry().name(),
                        line.entry().unit());
                row.createCell(4).setCellValue(line.aggregate().structures());
                number(row, 5, line.entry().additive() ? line.aggregate().total() : null);
                number(row, 6, line.aggregate().average());
                number(row, 7, line.aggregate().median());
            }
        });
    }

    public static byte[] summaryCsv(AnnualSummary summary) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(output, StandardCharsets.UTF_8),
                CSVFormat.EXCEL.builder().setDelimiter(';').get())) {
            output.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
            for (List<String> line : heading(summary)) {
                csv.printRecord(line.stream().map(text -> neutralised(text)).toList());
            }
            csv.printRecord((Object[]) SUMMARY_HEADER);
            for (AnnualSummary.Line line : summary.lines()) {
                NetworkEntry entry = line.entry();
                Aggregate aggregate = line.aggregate();
                csv.printRecord(cell(entry.theme()), cell(entry.code()), cell(entry.name()), cell(entry.unit()),
                        aggregate.structures(), decimal(entry.additive() ? aggregate.total() : null),
                        decimal(aggregate.average()), decimal(aggregate.median()));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return output.toByteArray();
    }

    private static List<List<String>> heading(AnnualSummary summary) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of(summary.organisation().name(), "Année " + summary.year()));
        lines.add(List.of("Structures du territoire", String.valueOf(summary.structures())));
        summary.structuresByKind().forEach((kind, count) -> lines.add(List.of(switch (kind) {
            case CENTRE_SOCIAL -> "dont centres sociaux";
            case ESPACE_VIE_SOCIALE -> "dont espaces de vie sociale";
            case ASSOCIATION -> "dont autres associations";
            case TERRITOIRE_ZERO_CHOMEUR -> "dont territoires zéro chômeur";
        }, String.valueOf(count))));
        lines.add(List.of("Structures qui partagent leurs données", String.valueOf(summary.sharing())));
        lines.add(List.of("Groupes de moins de " + Aggregate.MINIMUM_GROUP + " structures : chiffres masqués"));
        return lines;
    }

    private static String cell(@Nullable String text) {
        return text == null ? "" : neutralised(text);
    }

    private static String decimal(@Nullable BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString().replace('.', ',');
    }
}
