package fr.maillon.importing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * optional comment), or an activity log whose rows, dated, add up within each indicator's period.
 * Every row is checked; one bad row refuses the whole file, with its line and column named.
 */
@Service
public class ValueImporter {

    private static final int PREVIEW_ROWS = 10;
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d/M/uuuu"), DateTimeFormatter.ofPattern("d-M-uuuu"),
            DateTimeFormatter.ofPattern("d.M.uuuu"), DateTimeFormatter.ofPattern("d/M/uu"));

    /** Which column holds what (-1: none); {@code addUp} sums the rows of a same indicator, period and category. */
    public record Mapping(int indicator, int period, int category, int value, int comment, boolean addUp) {
    }

    public record Preview(ImportFile file, Table table, List<Table.Row> firstRows, Mapping guess,
            List<Indicator> indicators) {
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
        Mapping guess = new Mapping(guess(table, "indicateur", "indicator", "code"),
                guess(table, "periode", "period", "date", "annee", "mois", "year", "month"),
                guess(table, "categorie", "category", "ventilation", "sexe", "quartier"),
                guess(table, "valeur", "value", "nombre", "montant", "total"),
                guess(table, "commentaire", "comment", "remarque"), false);
        return new Preview(file, table, table.rows().subList(0, Math.min(PREVIEW_ROWS, table.rows().size())), guess,
                framework.indicators(file.evaluationId()));
    }

    /** Reads, checks and writes every row, all or nothing. */
    public ImportJobs.Outcome run(String token, Mapping mapping, ImportJobs.Progress progress) {
        ImportFile file = imports.file(token);
        Table table = TableReader.read(file.content());
        progress.total(table.rows().size());
        List<ImportProblem> problems = new ArrayList<>();
        int columns = table.headers().size();
        if (mapping.indicator() < 0 || mapping.period() < 0 || mapping.value() < 0 || mapping.indicator() >= columns
                || mapping.period() >= columns || mapping.value() >= columns || mapping.category() >= columns
                || mapping.comment() >= columns) {
            throw new ImportRefusedException(List.of(new ImportProblem(0, "", message("import.values.mapping"))));
        }
        Map<String, Indicator> indicators = new HashMap<>();
        for (Indicator indicator : framework.indicators(file.evaluationId())) {
            indicators.put(indicator.code(), indicator);
            indicators.putIfAbsent(Texts.fold(indicator.name()).strip(), indicator);
        }
        Map<String, Cell> cells = new LinkedHashMap<>();
        int done = 0;
        for (Table.Row row : table.rows()) {
            String name = row.cell(mapping.indicator());
            Indicator indicator = indicators.getOrDefault(name, indicators.get(Texts.fold(name).strip()));
            if (indicator == null) {
                problems.add(problem(row, table, mapping.indicator(), "import.values.indicator", name));
                continue;
            }
            Optional<Period> period = period(row.cell(mapping.period()), indicator);
            if (period.isEmpty()) {
                problems.add(problem(row, table, mapping.period(), "import.values.period", row.cell(mapping.period())));
                continue;
            }
            String category = mapping.category() < 0 ? "" : row.cell(mapping.category());
            String text = row.cell(mapping.value());
            if (text.isEmpty()) {
                problems.add(problem(row, table, mapping.value(), "import.values.blank"));
                continue;
            }
            String comment = mapping.comment() < 0 ? null : row.cell(mapping.comment());
            String key = indicator.id() + "|" + period.get().code() + "|" + category;
            Cell existing = cells.get(key);
            if (existing != null && !mapping.addUp()) {
                problems.add(problem(row, table, mapping.value(), "import.values.duplicate", existing.line()));
                continue;
            }
            if (existing != null) {
                BigDecimal sum = number(existing.text()) == null || number(text) == null ? null
                        : number(existing.text()).add(number(text));
                if (sum == null) {
                    problems.add(problem(row, table, mapping.value(), "import.values.number", text));
                    continue;
                }
                text = sum.toPlainString();
            }
            cells.put(key, new Cell(existing == null ? row.line() : existing.line(), new CellInput(indicator.id(),
                    period.get().code(), category, text, comment == null || comment.isBlank() ? null : comment)));
            progress.done(++done);
            if (problems.size() >= 200) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportRefusedException(problems);
        }
        List<Cell> list = new ArrayList<>(cells.values());
        try {
            framework.saveValues(file.evaluationId(), list.stream().map(Cell::input).toList(), DataSource.IMPORT);
        }
        catch (RuleViolationException ex) {
            throw new ImportRefusedException(ex.violations().stream().map(violation -> {
                boolean indexed = violation.field().matches("\\d+");
                int line = indexed ? list.get(Integer.parseInt(violation.field())).line() : 0;
                return new ImportProblem(line, indexed ? table.headers().get(mapping.value()) : "",
                        messages.getMessage(violation.code(), violation.arguments(), LocaleContextHolder.getLocale()));
            }).toList());
        }
        imports.forget(file);
        progress.done(table.rows().size());
        return new ImportJobs.Outcome("/evaluations/" + file.evaluationId() + "/results",
                message("import.values.done", list.size(), table.rows().size()));
    }

    private record Cell(int line, CellInput input) {

        String text() {
            return input.text();
        }
    }

    /** A period code (2024, 2024Q1, 2024-03), or a date, taken as the indicator's period that holds it. */
    static Optional<Period> period(String text, Indicator indicator) {
        Optional<Period> code = Period.parse(text);
        if (code.isPresent() && !text.matches("\\d{4}-\\d{2}-\\d{2}")) {
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

    private ImportProblem problem(Table.Row row, Table table, int column, String code, Object... arguments) {
        return new ImportProblem(row.line(), column >= 0 && column < table.headers().size() ? table.headers().get(column)
                : "", message(code, arguments));
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale());
    }
}
