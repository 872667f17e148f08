package fr.maillon.framework;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.internal.IndicatorRepository;
import fr.maillon.framework.internal.IndicatorRepository.StoredTarget;
import fr.maillon.framework.internal.IndicatorRepository.StoredValue;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.web.Texts;

/**
 * The indicators of an evaluation, their targets, the values collected in the grid, and their
 * results. Whoever reads the evaluation reads them; its editors change them.
 */
@Service
public class FrameworkService {

    private static final BigDecimal MAX = new BigDecimal("99999999999999.9999");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final EvaluationService evaluations;
    private final AccessPolicy access;
    private final IndicatorRepository indicators;

    FrameworkService(EvaluationService evaluations, AccessPolicy access, IndicatorRepository indicators) {
        this.evaluations = evaluations;
        this.access = access;
        this.indicators = indicators;
    }

    public List<Indicator> indicators(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        return indicators.indicators(evaluation.structureId(), evaluationId);
    }

    public boolean canEdit(long evaluationId) {
        return access.hasStructureRole(evaluations.evaluation(evaluationId).structureId(), Role.STRUCTURE_EDITOR);
    }

    @Transactional
    public long addIndicator(long evaluationId, IndicatorDraft draft) {
        Evaluation evaluation = editable(evaluationId);
        List<Indicator> existing = indicators.indicators(evaluation.structureId(), evaluationId);
        return indicators.insert(evaluation.structureId(), evaluationId, validate(draft, null, existing));
    }

    @Transactional
    public void updateIndicator(long evaluationId, long indicatorId, IndicatorDraft draft) {
        Evaluation evaluation = editable(evaluationId);
        List<Indicator> existing = indicators.indicators(evaluation.structureId(), evaluationId);
        Indicator current = find(existing, indicatorId);
        if (!indicators.update(evaluation.structureId(), evaluationId, indicatorId,
                validate(draft, current, existing))) {
            throw new IndicatorNotFoundException(indicatorId);
        }
    }

    @Transactional
    public void deleteIndicator(long evaluationId, long indicatorId) {
        Evaluation evaluation = editable(evaluationId);
        List<Indicator> existing = indicators.indicators(evaluation.structureId(), evaluationId);
        Indicator deleted = find(existing, indicatorId);
        List<String> users = existing.stream().filter(Indicator::computedByFormula)
                .filter(other -> Formulas.variables(other.formula()).contains(deleted.code()))
                .map(Indicator::name).toList();
        if (!users.isEmpty()) {
            throw new RuleViolationException("", "framework.indicator.usedByFormula", String.join(", ", users));
        }
        indicators.delete(evaluation.structureId(), evaluationId, indicatorId);
    }

    // --- the grid -----------------------------------------------------------------------------

    /** The grid of values (or targets) for the evaluation's periods of this frequency. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public DataGrid grid(long evaluationId, PeriodType frequency, boolean targets) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        List<Indicator> all = indicators.indicators(evaluation.structureId(), evaluationId);
        List<Indicator> rows = targets ? all.stream().filter(indicator -> indicator.measure().numeric()).toList()
                : all.stream().filter(indicator -> !indicator.computedByFormula()).toList();
        Map<String, String> cells = new HashMap<>();
        if (targets) {
            indicators.targets(evaluation.structureId(), evaluationId).forEach(target ->
                    cells.put(DataGrid.key(target.indicatorId(), target.period()), DataGrid.show(target.value())));
        }
        else {
            Map<Long, Indicator> byId = all.stream().collect(Collectors.toMap(Indicator::id, Function.identity()));
            indicators.values(evaluation.structureId(), evaluationId).stream()
                    .filter(value -> value.category().isEmpty())
                    .forEach(value -> cells.put(DataGrid.key(value.indicatorId(), value.period()),
                            shown(byId.get(value.indicatorId()), value)));
        }
        return new DataGrid(targets, frequency, rows,
                Period.between(frequency, evaluation.periodStart(), evaluation.periodEnd()), cells);
    }

    /**
     * Saves the grid, all or nothing: every cell is checked (type, range, period) and a refused
     * cell is named by its indicator and period. Replaced values go to the history.
     */
    @Transactional
    public int saveGrid(long evaluationId, boolean targets, List<CellInput> cells) {
        Evaluation evaluation = editable(evaluationId);
        Map<Long, Indicator> byId = indicators.indicators(evaluation.structureId(), evaluationId).stream()
                .collect(Collectors.toMap(Indicator::id, Function.identity()));
        List<Violation> errors = new ArrayList<>();
        List<StoredValue> parsed = new ArrayList<>();
        for (CellInput cell : cells) {
            Indicator indicator = byId.get(cell.indicatorId());
            Optional<Period> period = Period.parse(cell.period());
            if (indicator == null) {
                throw new IndicatorNotFoundException(cell.indicatorId());
            }
            if (period.isEmpty() || !period.get().within(evaluation.periodStart(), evaluation.periodEnd())) {
                errors.add(cellError(indicator, cell, "framework.grid.period"));
                continue;
            }
            String text = cell.text() == null ? "" : cell.text().strip();
            if (text.isEmpty()) {
                parsed.add(new StoredValue(indicator.id(), period.get().code(), "", null, null));
                continue;
            }
            if (!targets && indicator.computedByFormula()) {
                errors.add(cellError(indicator, cell, "framework.grid.formula"));
                continue;
            }
            Cell value = targets ? number(indicator, text, true) : parse(indicator, text);
            if (value.error() != null) {
                errors.add(cellError(indicator, cell, value.error()));
            }
            else {
                parsed.add(new StoredValue(indicator.id(), period.get().code(), "", value.number(), value.text()));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleViolationException(errors);
        }
        long userId = access.currentUserId();
        for (StoredValue value : parsed) {
            if (targets) {
                indicators.putTarget(evaluation.structureId(), evaluationId, value.indicatorId(), value.period(),
                        value.value());
            }
            else {
                indicators.putValue(evaluation.structureId(), evaluationId, value, userId);
            }
        }
        return parsed.size();
    }

    // --- results ------------------------------------------------------------------------------

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<IndicatorResults> results(long evaluationId, PeriodType frequency) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        List<Indicator> numeric = indicators.indicators(evaluation.structureId(), evaluationId).stream()
                .filter(indicator -> indicator.measure().numeric()).toList();
        Map<Long, String> codes = numeric.stream().collect(Collectors.toMap(Indicator::id, Indicator::code));
        Map<String, Map<Period, BigDecimal>> values = new HashMap<>();
        for (StoredValue value : indicators.values(evaluation.structureId(), evaluationId)) {
            if (value.value() != null && value.category().isEmpty() && codes.containsKey(value.indicatorId())) {
                Period.parse(value.period()).ifPresent(period -> values.computeIfAbsent(codes.get(value.indicatorId()),
                        code -> new HashMap<>()).put(period, value.value()));
            }
        }
        Map<String, Map<Period, BigDecimal>> targets = new HashMap<>();
        for (StoredTarget target : indicators.targets(evaluation.structureId(), evaluationId)) {
            if (codes.containsKey(target.indicatorId())) {
                Period.parse(target.period()).ifPresent(period -> targets.computeIfAbsent(
                        codes.get(target.indicatorId()), code -> new HashMap<>()).put(period, target.value()));
            }
        }
        List<IndicatorResult> computed = ResultCalculator.compute(numeric.stream().map(Indicator::spec).toList(),
                values, targets, Period.between(frequency, evaluation.periodStart(), evaluation.periodEnd()));
        List<IndicatorResults> results = new ArrayList<>();
        for (int i = 0; i < numeric.size(); i++) {
            results.add(new IndicatorResults(numeric.get(i), computed.get(i).periods()));
        }
        return results;
    }

    // --- rules --------------------------------------------------------------------------------

    private Evaluation editable(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        return evaluation;
    }

    private static Indicator find(List<Indicator> indicators, long id) {
        return indicators.stream().filter(indicator -> indicator.id() == id).findFirst()
                .orElseThrow(() -> new IndicatorNotFoundException(id));
    }

    private static IndicatorDraft validate(IndicatorDraft draft, @Nullable Indicator current, List<Indicator> existing) {
        List<Violation> violations = new ArrayList<>();
        String code = draft.code() == null ? "" : draft.code().strip().toLowerCase(Locale.ROOT);
        if (!code.matches("[a-z][a-z0-9_]{0,59}")) {
            violations.add(new Violation("code", "framework.indicator.code.invalid"));
        }
        else if (existing.stream().anyMatch(other -> other.code().equals(code)
                && (current == null || other.id() != current.id()))) {
            violations.add(new Violation("code", "framework.indicator.code.taken"));
        }
        String name = clean(draft.name(), 200, "name", violations);
        if (name == null) {
            violations.add(new Violation("name", "framework.indicator.name.required"));
        }
        String description = clean(draft.description(), 4000, "description", violations);
        String unit = clean(draft.unit(), 40, "unit", violations);
        String collector = clean(draft.collector(), 200, "collector", violations);
        Measure measure = draft.measure() == null ? Measure.COUNT : draft.measure();
        DataSource source = draft.source() == null ? DataSource.MANUAL : draft.source();
        List<String> levels = null;
        if (measure == Measure.ORDINAL) {
            levels = draft.scaleLevels() == null ? List.of() : draft.scaleLevels().stream().map(String::strip)
                    .filter(level -> !level.isEmpty()).toList();
            if (levels.size() < 2 || levels.size() > 10 || levels.stream().anyMatch(level -> level.length() > 100
                    || Texts.hasControlCharacters(level))) {
                violations.add(new Violation("scaleLevels", "framework.indicator.scale.invalid"));
            }
        }
        String formula = null;
        if (source == DataSource.FORMULA) {
            formula = clean(draft.formula(), 1000, "formula", violations);
            if (formula == null) {
                violations.add(new Violation("formula", "framework.indicator.formula.required"));
            }
            else if (!measure.numeric() || measure == Measure.ORDINAL) {
                violations.add(new Violation("measure", "framework.indicator.formula.numeric"));
            }
            else {
                Map<String, String> formulas = new HashMap<>();
                existing.stream().filter(Indicator::computedByFormula).filter(other -> current == null || other.id() != current.id())
                        .forEach(other -> formulas.put(other.code(), other.formula()));
                List<String> known = new ArrayList<>(existing.stream().filter(other -> current == null
                        || other.id() != current.id()).map(Indicator::code).toList());
                known.add(code);
                try {
                    Formulas.check(code, formula, formulas, known);
                }
                catch (InvalidFormulaException ex) {
                    violations.add(new Violation("formula", ex.code(), ex.detail()));
                }
            }
        }
        BigDecimal minimum = draft.minimum();
        BigDecimal maximum = draft.maximum();
        if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
            violations.add(new Violation("maximum", "framework.indicator.range.invalid"));
        }
        for (BigDecimal number : new BigDecimal[] { minimum, maximum, draft.baselineValue() }) {
            if (number != null && (number.abs().compareTo(MAX) > 0 || number.stripTrailingZeros().scale() > 4)) {
                violations.add(new Violation("baselineValue", "framework.number.invalid"));
                break;
            }
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return new IndicatorDraft(code, name, description, measure, unit, levels, draft.baselineValue(),
                draft.baselineDate(), draft.direction() == null ? Direction.INCREASE : draft.direction(),
                draft.frequency() == null ? PeriodType.YEAR : draft.frequency(),
                draft.aggregation() == null ? Aggregation.SUM : draft.aggregation(),
                Boolean.TRUE.equals(draft.cumulativeTargets()), source, formula, collector, minimum, maximum);
    }

    /** What a cell holds once read: a number, a text, or the code of what is wrong with it. */
    private record Cell(@Nullable BigDecimal number, @Nullable String text, @Nullable String error) {

        static Cell of(BigDecimal number) {
            return new Cell(number, null, null);
        }

        static Cell refused(String error) {
            return new Cell(null, null, error);
        }
    }

    private static Cell parse(Indicator indicator, String text) {
        if (indicator.measure() == Measure.TEXT) {
            return text.length() > 4000 || Texts.hasControlCharacters(text) ? Cell.refused("framework.grid.text")
                    : new Cell(null, text, null);
        }
        if (indicator.measure() == Measure.ORDINAL) {
            List<String> levels = indicator.scaleLevels();
            for (int i = 0; i < levels.size(); i++) {
                if (levels.get(i).equalsIgnoreCase(text)) {
                    return Cell.of(BigDecimal.valueOf(i + 1));
                }
            }
            if (text.matches("\\d{1,2}") && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= levels.size()) {
                return Cell.of(new BigDecimal(text));
            }
            return Cell.refused("framework.grid.level");
        }
        return number(indicator, text, false);
    }

    private static Cell number(Indicator indicator, String text, boolean target) {
        String cleaned = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace(',', '.')
                .replace("%", "").replace("€", "");
        if (!cleaned.matches("-?\\d{1,14}(\\.\\d{1,4})?")) {
            return Cell.refused("framework.grid.number");
        }
        BigDecimal value = new BigDecimal(cleaned);
        if (target) {
            return Cell.of(value);
        }
        BigDecimal minimum = indicator.minimum() != null ? indicator.minimum()
                : indicator.measure() == Measure.RATIO ? null : BigDecimal.ZERO;
        BigDecimal maximum = indicator.maximum() != null ? indicator.maximum()
                : indicator.measure() == Measure.PERCENTAGE ? HUNDRED : null;
        if ((minimum != null && value.compareTo(minimum) < 0) || (maximum != null && value.compareTo(maximum) > 0)) {
            return Cell.refused("framework.grid.range");
        }
        return Cell.of(value);
    }

    private static Violation cellError(Indicator indicator, CellInput cell, String code) {
        return new Violation("cell_" + DataGrid.key(indicator.id(), cell.period()), "framework.grid.cellError",
                indicator.name(), cell.period(), new DefaultMessageSourceResolvable(new String[] { code },
                        new Object[] { indicator.minimum() == null ? "" : DataGrid.show(indicator.minimum()),
                                indicator.maximum() == null ? "" : DataGrid.show(indicator.maximum()) }));
    }

    private static String shown(Indicator indicator, StoredValue value) {
        if (value.textValue() != null) {
            return value.textValue();
        }
        if (indicator != null && indicator.measure() == Measure.ORDINAL) {
            int level = value.value().intValue();
            return level >= 1 && level <= indicator.scaleLevels().size() ? indicator.scaleLevels().get(level - 1)
                    : DataGrid.show(value.value());
        }
        return DataGrid.show(value.value());
    }

    private static @Nullable String clean(@Nullable String text, int max, String field, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() > max || Texts.hasControlCharacters(stripped)) {
            violations.add(new Violation(field, "framework.text.invalid", max));
        }
        return stripped;
    }
}
