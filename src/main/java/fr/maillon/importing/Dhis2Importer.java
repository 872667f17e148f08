package fr.maillon.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

import fr.maillon.framework.CellInput;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.Period;
import fr.maillon.importing.dhis2.DataValueSets;
import fr.maillon.importing.dhis2.Dhis2Periods;
import fr.maillon.importing.dhis2.Dhis2Value;
import fr.maillon.web.RuleViolationException;

/**
 * Indicator values from a DHIS2 dataValueSet (JSON, XML or CSV) through one of the structure's
 * saved mappings: each value's data element and category option combo give an indicator and a
 * category, its DHIS2 period (month 201901, quarter 2019Q1, year 2019) a Maillon period. All or
 * nothing: data elements the mapping does not know are listed with their lines, and so are periods
 * Maillon has no kind of (weeks, six months...), values given twice, and values the indicator
 * refuses. The attribute option combo is not used; the organisation unit filters the values when
 * the mapping names one, and otherwise two units giving the same value are refused as given twice.
 * Importing the same file again writes the same values again (the replaced ones go to the history).
 */
@Service
public class Dhis2Importer {

    private static final int MAX_PROBLEMS = 200;

    /**
     * What a DHIS2 file holds and what the chosen mapping (if any) makes of it: the values ready to
     * be written, those of other organisation units left out, and every problem.
     */
    public record Preview(ImportFile file, FileFormat format, int values, List<String> periods,
            Map<String, Integer> dataElements, Map<String, Integer> organisationUnits, List<Dhis2Mapping> mappings,
            @Nullable Dhis2Mapping mapping, int ready, Map<String, Integer> leftOut, List<ImportProblem> problems) {
    }

    private final ImportService imports;
    private final Dhis2Mappings mappings;
    private final FrameworkService framework;
    private final MessageSource messages;

    Dhis2Importer(ImportService imports, Dhis2Mappings mappings, FrameworkService framework, MessageSource messages) {
        this.imports = imports;
        this.mappings = mappings;
        this.framework = framework;
        this.messages = messages;
    }

    /** Whether an uploaded file is a DHIS2 dataValueSet. */
    public static boolean isDhis2(ImportFile file) {
        return DataValueSets.isDhis2(DataValueSets.format(file.content(), file.filename()));
    }

    public Preview preview(String token, @Nullable Long mappingId) {
        ImportFile file = imports.file(token);
        FileFormat format = DataValueSets.format(file.content(), file.filename());
        List<Dhis2Value> values = DataValueSets.read(file.content(), format);
        List<Dhis2Mapping> all = mappings.mappings(file.evaluationId());
        Dhis2Mapping mapping = mappingId == null ? (all.size() == 1 ? all.get(0) : null)
                : all.stream().filter(candidate -> candidate.id() == mappingId).findFirst().orElse(null);
        Converted converted = mapping == null ? null : convert(file.evaluationId(), values, mapping);
        return new Preview(file, format, values.size(),
                List.copyOf(values.stream().map(Dhis2Value::period).collect(Collectors.toCollection(TreeSet::new))),
                counts(values, Dhis2Value::dataElement), counts(values, Dhis2Value::organisationUnit), all, mapping,
                converted == null ? 0 : converted.cells().size(), converted == null ? Map.of() : converted.leftOut(),
                converted == null ? List.of() : converted.problems());
    }

    /**
     * The data elements and category option combos of an uploaded DHIS2 file, in the order first
     * met, as lines of a new mapping to complete (their indicator left blank).
     */
    public List<Dhis2Mapping.Line> pairs(String token) {
        ImportFile file = imports.file(token);
        FileFormat format = DataValueSets.format(file.content(), file.filename());
        if (!DataValueSets.isDhis2(format)) {
            return List.of();
        }
        Map<String, Dhis2Mapping.Line> pairs = new LinkedHashMap<>();
        for (Dhis2Value value : DataValueSets.read(file.content(), format)) {
            if (pairs.size() >= Dhis2Mappings.MAX_LINES) {
                break;
            }
            pairs.putIfAbsent(value.dataElement() + "|" + value.categoryOptionCombo(), new Dhis2Mapping.Line(
                    value.dataElement(), value.categoryOptionCombo(), "", ""));
        }
        return List.copyOf(pairs.values());
    }

    /** Reads, checks and writes every value through the mapping, all or nothing. */
    public ImportJobs.Outcome run(String token, long mappingId, ImportJobs.Progress progress) {
        ImportFile file = imports.file(token);
        Written written = write(file, mappingId, progress);
        imports.forget(file);
        int leftOut = written.leftOut().values().stream().mapToInt(Integer::intValue).sum();
        return new ImportJobs.Outcome("/evaluations/" + file.evaluationId() + "/results",
                message("import.dhis2.done", written.imported()) + (leftOut == 0 ? "" : " "
                        + message("import.dhis2.leftOut", leftOut, String.join(", ", written.leftOut().keySet()))));
    }

    /** What an import wrote, and the values of other organisation units it left out, by unit. */
    record Written(int imported, Map<String, Integer> leftOut) {
    }

    /** Writes the file's values through the mapping, all or nothing. */
    Written write(ImportFile file, long mappingId, ImportJobs.Progress progress) {
        FileFormat format = DataValueSets.format(file.content(), file.filename());
        if (!DataValueSets.isDhis2(format)) {
            throw new ImportRefusedException(List.of(new ImportProblem(0, "", message("import.dhis2.notDhis2",
                    message(format.messageKey())))));
        }
        List<Dhis2Value> values = DataValueSets.read(file.content(), format);
        progress.total(values.size());
        Dhis2Mapping mapping = mappings.mapping(file.evaluationId(), mappingId);
        Converted converted = convert(file.evaluationId(), values, mapping);
        if (!converted.problems().isEmpty()) {
            throw new ImportRefusedException(converted.problems());
        }
        List<Cell> cells = converted.cells();
        try {
            framework.saveValues(file.evaluationId(), cells.stream().map(Cell::input).toList(), DataSource.IMPORT);
        }
        catch (RuleViolationException ex) {
            throw new ImportRefusedException(ex.violations().stream().map(violation -> {
                boolean indexed = violation.field().matches("\\d+");
                return new ImportProblem(indexed ? cells.get(Integer.parseInt(violation.field())).line() : 0,
                        indexed ? "value" : "", messages.getMessage(violation.code(), violation.arguments(),
                                LocaleContextHolder.getLocale()));
            }).toList());
        }
        progress.done(values.size());
        return new Written(cells.size(), converted.leftOut());
    }

    private record Cell(int line, String organisationUnit, CellInput input) {
    }

    private record Converted(List<Cell> cells, Map<String, Integer> leftOut, List<ImportProblem> problems) {
    }

    /** A problem met on several lines, said once with its first line and its count. */
    private record Repeated(int line, String column, String code, List<Object> arguments, int count) {

        Repeated again() {
            return new Repeated(line, column, code, arguments, count + 1);
        }
    }

    private Converted convert(long evaluationId, List<Dhis2Value> values, Dhis2Mapping mapping) {
        Map<String, Indicator> indicators = framework.indicators(evaluationId).stream()
                .collect(Collectors.toMap(Indicator::code, Function.identity()));
        Map<String, Repeated> repeated = new LinkedHashMap<>();
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, Integer> leftOut = new TreeMap<>();
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (Dhis2Value value : values) {
            if (mapping.organisationUnit() != null && !mapping.organisationUnit().equals(value.organisationUnit())) {
                leftOut.merge(value.organisationUnit().isEmpty() ? "—" : value.organisationUnit(), 1, Integer::sum);
                continue;
            }
            if (value.dataElement().isEmpty()) {
                problems.add(new ImportProblem(value.line(), "dataElement", message("import.dhis2.noElement")));
                continue;
            }
            Dhis2Mapping.Line line = mapping.line(value.dataElement(), value.categoryOptionCombo());
            if (line == null) {
                if (mapping.knows(value.dataElement())) {
                    repeat(repeated, "combo|" + value.dataElement() + "|" + value.categoryOptionCombo(), value.line(),
                            "categoryOptionCombo", "import.dhis2.unknownCombo", value.dataElement(),
                            value.categoryOptionCombo(), mapping.name());
                }
                else {
                    repeat(repeated, "element|" + value.dataElement(), value.line(), "dataElement",
                            "import.dhis2.unknownElement", value.dataElement(), mapping.name());
                }
                continue;
            }
            Indicator indicator = indicators.get(line.indicatorCode());
            if (indicator == null) {
                repeat(repeated, "indicator|" + line.indicatorCode(), value.line(), "dataElement",
                        "import.dhis2.indicatorMissing", value.dataElement(), line.indicatorCode());
                continue;
            }
            Optional<Period> period = Dhis2Periods.period(value.period());
            if (period.isEmpty()) {
                repeat(repeated, "period|" + value.period(), value.line(), "period", "import.dhis2.period",
                        value.period(), message("import.dhis2.periodKind." + Dhis2Periods.kind(value.period())));
                continue;
            }
            if (value.value().isEmpty()) {
                problems.add(new ImportProblem(value.line(), "value", message("import.values.blank")));
                continue;
            }
            String key = indicator.id() + "|" + period.get().code() + "|" + line.category();
            Cell first = cells.get(key);
            if (first != null) {
                problems.add(new ImportProblem(value.line(), "value", message("import.dhis2.duplicate", first.line(),
                        indicator.code(), period.get().code(), unit(first.organisationUnit()),
                        unit(value.organisationUnit()))));
                continue;
            }
            cells.put(key, new Cell(value.line(), value.organisationUnit(), new CellInput(indicator.id(),
                    period.get().code(), line.category(), value.value(),
                    value.comment().isBlank() ? null : value.comment())));
        }
        List<ImportProblem> all = new ArrayList<>();
        repeated.values().forEach(problem -> all.add(new ImportProblem(problem.line(), problem.column(),
                message(problem.code(), problem.arguments().toArray()) + (problem.count() > 1
                        ? " " + message("import.dhis2.times", problem.count()) : ""))));
        all.addAll(problems);
        return new Converted(List.copyOf(cells.values()), leftOut, all.size() > MAX_PROBLEMS
                ? all.subList(0, MAX_PROBLEMS) : all);
    }

    private String unit(String organisationUnit) {
        return organisationUnit.isEmpty() ? "—" : organisationUnit;
    }

    private static void repeat(Map<String, Repeated> repeated, String key, int line, String column, String code,
            Object... arguments) {
        repeated.merge(key, new Repeated(line, column, code, List.of(arguments), 1), (old, added) -> old.again());
    }

    private static Map<String, Integer> counts(List<Dhis2Value> values, Function<Dhis2Value, String> field) {
        Map<String, Integer> counts = new TreeMap<>();
        values.forEach(value -> counts.merge(field.apply(value).isEmpty() ? "—" : field.apply(value), 1,
                Integer::sum));
        return counts;
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale());
    }
}
