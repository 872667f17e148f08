package fr.maillon.importing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.poi.ss.util.CellReference;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

import fr.maillon.framework.CellInput;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.Period;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;

/**
 * Indicator values from a table: one row per value (indicator, period, optional category, value,
 * optional comment), or an activity log whose rows, dated, add up within each indicator's period;
 * or a wide table, as people lay their spreadsheets out: one column per indicator and one row per
 * period or date (or the reverse: one row per indicator, one column per period), whose layout the
 * preview recognises and asks to confirm. Dates are read strictly (31/09/2022 does not exist) and
 * taken as the indicator's period that holds them. Every row is checked; one bad row refuses the
 * whole file, with its line and column (and, for a date or a wide table's cell, the cell) named.
 */
@Service
public class ValueImporter {

    private static final int PREVIEW_ROWS = 10;
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            strict("d/M/uuuu"), strict("d-M-uuuu"), strict("d.M.uuuu"), strict("d/M/uu"));
    /** What looks like a date, possible or not: 31/09/2022, 2022-09-31. */
    private static final Pattern DATE_SHAPE = Pattern.compile("\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}");

    /** How a table lays its values out. */
    public enum Layout {
        /** One row per value: indicator, period, value (and category, comment) columns. */
        LONG,
        /** One column per indicator (its code or name as header), one row per period or date (first column). */
        INDICATORS_IN_COLUMNS,
        /** One row per indicator (its code or name in the first column), one column per period or date. */
        PERIODS_IN_COLUMNS
    }

    /**
     * Which column holds what (-1: none); {@code addUp} sums the rows of a same indicator, period and
     * category. A wide layout uses none of the columns: its first column and its header say it all.
     */
    public record Mapping(int indicator, int period, int category, int value, int comment, boolean addUp,
            Layout layout) {

        public Mapping(int indicator, int period, int category, int value, int comment, boolean addUp) {
            this(indicator, period, category, value, comment, addUp, Layout.LONG);
        }

        public Mapping withLayout(Layout layout) {
            return new Mapping(indicator, period, category, value, comment, addUp, layout);
        }
    }

    /** The preview of a table: its first rows, the columns guessed, the layout recognised. */
    public record Preview(ImportFile file, Table table, List<Table.Row> firstRows, Mapping guess,
            List<Indicator> indicators) {

        public Layout layout() {
            return guess.layout();
        }
    }

    private final ImportService imports;
    private final FrameworkService framework;
    private final MessageSource messages;

    ValueImporter(ImportService imports, FrameworkService framework, MessageSource messages) {
        this.imports = imports;
        this.framework = framework;
        this.messages = messages;
    }

    public Preview preview(String token) {
        ImportFile file = imports.file(token);
        Table table = TableReader.read(file.content());
        List<Indicator> indicators = framework.indicators(file.evaluationId());
        return new Preview(file, table, table.rows().subList(0, Math.min(PREVIEW_ROWS, table.rows().size())),
                guess(table, indicators), indicators);
    }

    /** The columns a long table's headers suggest, and the layout its headers and first column show. */
    static Mapping guess(Table table, List<Indicator> indicators) {
        return new Mapping(guess(table, "indicateur", "indicator", "code"),
                guess(table, "periode", "period", "date", "annee", "mois", "year", "month"),
                guess(table, "categorie", "category", "ventilation", "sexe", "quartier"),
                guess(table, "valeur", "value", "nombre", "montant", "total"),
                guess(table, "commentaire", "comment", "remarque"), false, layout(table, byName(indicators)));
    }

    /**
     * A wide layout when at least one header (after the first) names an indicator and most of the
     * first column holds periods or dates, or the reverse; otherwise long.
     */
    private static Layout layout(Table table, Map<String, Indicator> indicators) {
        List<String> headers = table.headers().size() > 1 ? table.headers().subList(1, table.headers().size())
                : List.of();
        List<String> first = table.rows().stream().limit(50).map(row -> row.cell(0)).filter(cell -> !cell.isEmpty())
                .toList();
        if (first.isEmpty() || headers.isEmpty()) {
            return Layout.LONG;
        }
        long indicatorHeaders = headers.stream().filter(header -> indicator(indicators, header) != null).count();
        long periodHeaders = headers.stream().filter(ValueImporter::periodLike).count();
        long periodCells = first.stream().filter(ValueImporter::periodLike).count();
        long indicatorCells = first.stream().filter(cell -> indicator(indicators, cell) != null).count();
        if (indicatorHeaders > 0 && periodCells * 2 > first.size()) {
            return Layout.INDICATORS_IN_COLUMNS;
        }
        if (periodHeaders > 0 && indicatorCells * 2 > first.size()) {
            return Layout.PERIODS_IN_COLUMNS;
        }
        return Layout.LONG;
    }

    private static boolean periodLike(String text) {
        String stripped = text.strip();
        return Period.parse(stripped).isPresent() || DATE_SHAPE.matcher(stripped).matches();
    }

    /** Reads, checks and writes every row, all or nothing. */
    public ImportJobs.Outcome run(String token, Mapping mapping, ImportJobs.Progress progress) {
        ImportFile file = imports.file(token);
        Table table = TableReader.read(file.content());
        int written = write(file.evaluationId(), table, mapping, progress);
        imports.forget(file);
        progress.done(table.rows().size());
        return new ImportJobs.Outcome("/evaluations/" + file.evaluationId() + "/results",
                message("import.values.done", written, table.rows().size()));
    }

    /** One value as a table gives it, whatever its layout, with where each of its parts was read. */
    private record Entry(int line, String indicator, int indicatorColumn, int indicatorLine, String period,
            int periodColumn, int periodLine, String category, String value, int valueColumn,
            @Nullable String comment) {
    }

    /** Checks and writes the table's values, all or nothing; gives how many were written. */
    int write(long evaluationId, Table table, Mapping mapping, ImportJobs.Progress progress) {
        progress.total(table.rows().size());
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, Indicator> indicators = byName(framework.indicators(evaluationId));
        List<Entry> entries = switch (mapping.layout()) {
            case LONG -> longEntries(table, mapping);
            case INDICATORS_IN_COLUMNS -> indicatorColumns(table, indicators, problems);
            case PERIODS_IN_COLUMNS -> periodColumns(table);
        };
        Map<String, Cell> cells = new LinkedHashMap<>();
        int done = 0;
        int lastLine = -1;
        // a wide table's header or first cell is read once per value: its problem is said once
        java.util.Set<String> said = new java.util.HashSet<>();
        for (Entry entry : entries) {
            Indicator indicator = indicator(indicators, entry.indicator());
            if (indicator == null) {
                if (!said.add(entry.indicatorLine() + ":" + entry.indicatorColumn())) {
                    continue;
                }
                problems.add(problem(entry.indicatorLine(), table, entry.indicatorColumn(), "import.values.indicator",
                        entry.indicator()));
                continue;
            }
            Optional<Period> period = period(entry.period(), indicator);
            if (period.isEmpty()) {
                if (!said.add(entry.periodLine() + ":" + entry.periodColumn())) {
                    continue;
                }
                boolean date = DATE_SHAPE.matcher(entry.period()).matches();
                problems.add(problem(entry.periodLine(), table, entry.periodColumn(), date
                        ? "import.values.impossibleDate" : "import.values.period", entry.period(),
                        reference(entry.periodColumn(), entry.periodLine())));
                continue;
            }
            String text = entry.value();
            if (text.isEmpty()) {
                problems.add(problem(entry.line(), table, entry.valueColumn(), "import.values.blank"));
                continue;
            }
            String key = indicator.id() + "|" + period.get().code() + "|" + entry.category();
            Cell existing = cells.get(key);
            if (existing != null && !mapping.addUp()) {
                problems.add(problem(entry.line(), table, entry.valueColumn(), "import.values.duplicate",
                        existing.line()));
                continue;
            }
            if (existing != null) {
                BigDecimal sum = number(existing.text()) == null || number(text) == null ? null
                        : number(existing.text()).add(number(text));
                if (sum == null) {
                    problems.add(problem(entry.line(), table, entry.valueColumn(), "import.values.number", text));
                    continue;
                }
                text = sum.toPlainString();
            }
            String comment = entry.comment();
            cells.put(key, new Cell(existing == null ? entry.line() : existing.line(),
                    existing == null ? entry.valueColumn() : existing.column(), new CellInput(indicator.id(),
                            period.get().code(), entry.category(), text,
                            comment == null || comment.isBlank() ? null : comment)));
            if (entry.line() != lastLine) {
                lastLine = entry.line();
                progress.done(++done);
            }
            if (problems.size() >= 200) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportRefusedException(problems);
        }
        List<Cell> list = new ArrayList<>(cells.values());
        try {
            framework.saveValues(evaluationId, list.stream().map(Cell::input).toList(), DataSource.IMPORT);
        }
        catch (RuleViolationException ex) {
            throw new ImportRefusedException(ex.violations().stream().map(violation -> {
                boolean indexed = violation.field().matches("\\d+");
                Cell cell = indexed ? list.get(Integer.parseInt(violation.field())) : null;
                return new ImportProblem(cell == null ? 0 : cell.line(), cell == null ? "" : header(table,
                        cell.column()), messages.getMessage(violation.code(), violation.arguments(),
                                LocaleContextHolder.getLocale()));
            }).toList());
        }
        return list.size();
    }

    private List<Entry> longEntries(Table table, Mapping mapping) {
        int columns = table.headers().size();
        if (mapping.indicator() < 0 || mapping.period() < 0 || mapping.value() < 0 || mapping.indicator() >= columns
                || mapping.period() >= columns || mapping.value() >= columns || mapping.category() >= columns
                || mapping.comment() >= columns) {
            throw new ImportRefusedException(List.of(new ImportProblem(0, "", message("import.values.mapping"))));
        }
        List<Entry> entries = new ArrayList<>(table.rows().size());
        for (Table.Row row : table.rows()) {
            entries.add(new Entry(row.line(), row.cell(mapping.indicator()), mapping.indicator(), row.line(),
                    row.cell(mapping.period()), mapping.period(), row.line(),
                    mapping.category() < 0 ? "" : row.cell(mapping.category()), row.cell(mapping.value()),
                    mapping.value(), mapping.comment() < 0 ? null : row.cell(mapping.comment())));
        }
        return entries;
    }

    /** Periods or dates in the first column, an indicator in each other column; empty cells hold no value. */
    private List<Entry> indicatorColumns(Table table, Map<String, Indicator> indicators, List<ImportProblem> problems) {
        List<Integer> columns = new ArrayList<>();
        for (int column = 1; column < table.headers().size(); column++) {
            String header = table.headers().get(column).strip();
            if (header.isEmpty()) {
                continue;
            }
            if (indicator(indicators, header) == null) {
                problems.add(new ImportProblem(1, header, message("import.values.wideColumn", header,
                        reference(column, 1))));
                continue;
            }
            columns.add(column);
        }
        List<Entry> entries = new ArrayList<>();
        for (Table.Row row : table.rows()) {
            for (int column : columns) {
                String value = row.cell(column);
                if (!value.isEmpty()) {
                    entries.add(new Entry(row.line(), table.headers().get(column).strip(), column, 1, row.cell(0), 0,
                            row.line(), "", value, column, null));
                }
            }
        }
        return entries;
    }

    /** An indicator in the first column, periods or dates as the other columns' headers. */
    private List<Entry> periodColumns(Table table) {
        List<Entry> entries = new ArrayList<>();
        for (Table.Row row : table.rows()) {
            for (int column = 1; column < table.headers().size(); column++) {
                String value = row.cell(column);
                if (!value.isEmpty()) {
                    entries.add(new Entry(row.line(), row.cell(0), 0, row.line(), table.headers().get(column).strip(),
                            column, 1, "", value, column, null));
                }
            }
        }
        return entries;
    }

    private record Cell(int line, int column, CellInput input) {

        String text() {
            return input.text();
        }
    }

    private static Map<String, Indicator> byName(List<Indicator> list) {
        Map<String, Indicator> indicators = new HashMap<>();
        for (Indicator indicator : list) {
            indicators.put(indicator.code(), indicator);
            indicators.putIfAbsent(Texts.fold(indicator.name()).strip(), indicator);
        }
        return indicators;
    }

    private static @Nullable Indicator indicator(Map<String, Indicator> indicators, String name) {
        Indicator indicator = indicators.get(name.strip());
        return indicator != null ? indicator : indicators.get(Texts.fold(name).strip());
    }

    /**
     * A period code (2024, 2024Q1, 2024-03), or a date that exists (31/09/2022 does not), taken as
     * the indicator's period that holds it.
     */
    static Optional<Period> period(String text, Indicator indicator) {
        Optional<Period> code = Period.parse(text);
        if (code.isPresent() && !text.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
            return code;
        }
        for (DateTimeFormatter format : DATES) {
            try {
                LocalDate date = LocalDate.parse(text.strip(), format);
                return Optional.of(Period.containing(indicator.frequency(), date));
            }
            catch (DateTimeParseException ex) {
                // the next format, maybe
            }
        }
        return Optional.empty();
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }

    /** A cell as a spreadsheet names it: B7. */
    private static String reference(int column, int line) {
        return column < 0 ? String.valueOf(line) : CellReference.convertNumToColString(column) + line;
    }

    private static @Nullable BigDecimal number(String text) {
        String cleaned = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace(',', '.');
        return cleaned.matches("-?\\d{1,14}(\\.\\d{1,4})?") ? new BigDecimal(cleaned) : null;
    }

    private static int guess(Table table, String... words) {
        for (int i = 0; i < table.headers().size(); i++) {
            String header = Texts.fold(table.headers().get(i));
            for (String word : words) {
                if (header.contains(word)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String header(Table table, int column) {
        return column >= 0 && column < table.headers().size() ? table.headers().get(column) : "";
    }

    private ImportProblem problem(int line, Table table, int column, String code, Object... arguments) {
        return new ImportProblem(line, header(table, column), message(code, arguments));
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale());
    }
}
