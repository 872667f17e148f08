package fr.maillon.framework;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.account.AccountService;
import fr.maillon.account.UserAccount;
import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.internal.DisaggregationRepository;
import fr.maillon.framework.internal.IndicatorRepository;
import fr.maillon.framework.internal.IndicatorRepository.LoggedChange;
import fr.maillon.framework.internal.IndicatorRepository.LoggedValue;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.Revisions;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.web.Texts;

/**
 * The indicators of an evaluation, their targets, the values collected in the grid, and their
 * results. Whoever reads the evaluation reads them; its editors change them.
 */
@Service
public class FrameworkService {

    /** Values written per statement. */
    private static final int WRITE_BATCH = 5_000;

    private static final BigDecimal MAX = new BigDecimal("99999999999999.9999");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final EvaluationService evaluations;
    private final AccessPolicy access;
    private final IndicatorRepository indicators;
    private final DisaggregationRepository disaggregations;
    private final AccountService accounts;
    private final ObjectProvider<ComputedValues> computed;
    private final Revisions revisions;
    private final Clock clock;
    /** The time the formulas of one evaluation's results may take. */
    private final Duration formulaBudget;

    FrameworkService(EvaluationService evaluations, AccessPolicy access, IndicatorRepository indicators,
            DisaggregationRepository disaggregations, AccountService accounts,
            ObjectProvider<ComputedValues> computed, Revisions revisions, Clock clock,
            @Value("${maillon.formula.time-budget:PT5S}") Duration formulaBudget) {
        this.revisions = revisions;
        this.clock = clock;
        this.formulaBudget = formulaBudget;
        this.accounts = accounts;
        this.computed = computed;
        this.evaluations = evaluations;
        this.access = access;
        this.indicators = indicators;
        this.disaggregations = disaggregations;
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
        return addIndicator(evaluationId, draft, null);
    }

    /** Adds an indicator, copied from a library entry when one is named (one the structure sees, {@link LibraryService#libraries}). */
    @Transactional
    public long addIndicator(long evaluationId, IndicatorDraft draft, @Nullable Long libraryEntryId) {
        Evaluation evaluation = editable(evaluationId);
        List<Indicator> existing = indicators.indicators(evaluation.structureId(), evaluationId);
        return indicators.insert(evaluation.structureId(), evaluationId, validate(draft, null, existing,
                disaggregations.disaggregations(evaluation.structureId())), libraryEntryId);
    }

    @Transactional
    public void updateIndicator(long evaluationId, long indicatorId, IndicatorDraft draft) {
        updateIndicator(evaluationId, indicatorId, draft, null);
    }

    /**
     * Saves the indicator over {@code version}, the one its editor read: a {@link ConcurrentEditException}
     * when someone saved it meanwhile ({@code null}: not checked).
     */
    @Transactional
    public void updateIndicator(long evaluationId, long indicatorId, IndicatorDraft draft, @Nullable Integer version) {
        Evaluation evaluation = editable(evaluationId);
        List<Indicator> existing = indicators.indicators(evaluation.structureId(), evaluationId);
        Indicator current = find(existing, indicatorId);
        IndicatorDraft checked = validate(draft, current, existing,
                disaggregations.disaggregations(evaluation.structureId()));
        if (!Objects.equals(checked.disaggregationId(), current.disaggregationId())
                && disaggregations.hasCategoryValues(evaluation.structureId(), indicatorId)) {
            throw new RuleViolationException("disaggregationId", "framework.indicator.disaggregation.inUse");
        }
        long structureId = evaluation.structureId();
        if (!indicators.update(structureId, evaluationId, indicatorId, checked,
                revisions.edit(version, access.currentUserId()))) {
            throw revisions.conflict("indicator", structureId, indicatorId,
                    () -> find(indicators.indicators(structureId, evaluationId), indicatorId));
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

    /**
     * The grid of values (or targets) for the evaluation's periods of this frequency, or its custom
     * periods; disaggregated indicators get a row per category under their total.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public DataGrid grid(long evaluationId, PeriodType frequency, boolean targets) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        List<Indicator> all = indicators.indicators(evaluation.structureId(), evaluationId);
        Set<Long> fed = fed(evaluation);
        List<Indicator> shown = targets ? all.stream().filter(indicator -> indicator.measure().numeric()).toList()
                : all.stream().filter(indicator -> !indicator.computedByFormula() && !fed.contains(indicator.id()))
                        .toList();
        Map<Long, List<String>> categories = targets ? Map.of() : categories(evaluation.structureId(), shown);
        Map<String, String> cells = new HashMap<>();
        if (targets) {
            indicators.targets(evaluation.structureId(), evaluationId).forEach(target ->
                    cells.put(DataGrid.key(target.indicatorId(), target.period()), DataGrid.show(target.value())));
        }
        else {
            Map<Long, Indicator> byId = all.stream().collect(Collectors.toMap(Indicator::id, Function.identity()));
            for (DataValue value : indicators.values(evaluation.structureId(), evaluationId)) {
                int category = value.category().isEmpty() ? 0
                        : categories.getOrDefault(value.indicatorId(), List.of()).indexOf(value.category()) + 1;
                if (category > 0 || value.category().isEmpty()) {
                    cells.put(DataGrid.key(value.indicatorId(), value.period(), category),
                            shown(byId.get(value.indicatorId()), value));
                }
            }
        }
        Periods periods = periods(evaluation, frequency);
        return new DataGrid(targets, frequency, DataGrid.rows(shown, categories), periods.list(), periods.labels(),
                cells);
    }

    /**
     * Saves the grid, all or nothing: every cell is checked (type, range, period, category) and a
     * refused cell is named by its indicator, category and period; the violation's field is the
     * cell's index in the list. Replaced values go to the history. The total of an additive
     * disaggregated indicator is the sum of its categories.
     */
    @Transactional
    public int saveGrid(long evaluationId, boolean targets, List<CellInput> cells) {
        return save(evaluationId, targets, cells, DataSource.MANUAL);
    }

    /** Saves values as {@link #saveGrid} does, recording where they came from (a survey, an import). */
    @Transactional
    public int saveValues(long evaluationId, List<CellInput> cells, DataSource source) {
        if (source == DataSource.FORMULA) {
            throw new IllegalArgumentException("a formula's values are computed, not saved");
        }
        return save(evaluationId, false, cells, source);
    }

    /** The values recorded in the evaluation, for whoever reads it. */
    public List<DataValue> values(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        return indicators.values(evaluation.structureId(), evaluationId);
    }

    public List<IndicatorTarget> targets(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        return indicators.targets(evaluation.structureId(), evaluationId);
    }

    /** An indicator's values with who entered them, when, their source and comment, and the latest 200 changes. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ValueLog valueLog(long evaluationId, long indicatorId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        Indicator indicator = find(indicators.indicators(evaluation.structureId(), evaluationId), indicatorId);
        List<LoggedValue> values = indicators.loggedValues(evaluation.structureId(), indicatorId);
        List<LoggedChange> history = indicators.history(evaluation.structureId(), indicatorId, 200);
        Set<Long> people = new HashSet<>();
        values.forEach(value -> people.add(value.enteredBy()));
        history.forEach(change -> {
            people.add(change.enteredBy());
            people.add(change.replacedBy());
        });
        Map<Long, String> names = names(people);
        List<ValueLog.SurveyValue> fromSurveys = new ArrayList<>();
        computed.forEach(source -> source.values(evaluation.structureId(), evaluationId).stream()
                .filter(value -> value.indicatorId() == indicatorId && value.value() != null)
                .forEach(value -> fromSurveys.add(new ValueLog.SurveyValue(value.period(), value.category(),
                        value.value(), ComputedValues.answered(value)))));
        return new ValueLog(indicator, values.stream().map(value -> entry(value, names)).toList(),
                history.stream().map(change -> new ValueLog.Change(change.period(), change.category(), change.value(),
                        change.textValue(), change.source(), change.comment(), names.get(change.enteredBy()),
                        change.enteredAt(), names.get(change.replacedBy()), change.replacedAt())).toList(),
                fromSurveys);
    }

    /** Every indicator with its values, who entered them and when (without their history). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<ValueLog> valueLogs(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        List<LoggedValue> values = indicators.loggedValuesOfEvaluation(evaluation.structureId(), evaluationId);
        Map<Long, String> names = names(values.stream().map(LoggedValue::enteredBy).collect(Collectors.toSet()));
        Map<Long, List<ValueLog.Entry>> entries = values.stream().collect(Collectors.groupingBy(
                LoggedValue::indicatorId, Collectors.mapping(value -> entry(value, names), Collectors.toList())));
        return indicators.indicators(evaluation.structureId(), evaluationId).stream().map(indicator -> new ValueLog(
                indicator, entries.getOrDefault(indicator.id(), List.of()), List.of())).toList();
    }

    private Map<Long, String> names(Set<Long> people) {
        Set<Long> known = new HashSet<>(people);
        known.remove(null);
        return accounts.findAccounts(known).stream().collect(Collectors.toMap(UserAccount::id,
                UserAccount::displayName));
    }

    private static ValueLog.Entry entry(LoggedValue value, Map<Long, String> names) {
        return new ValueLog.Entry(value.period(), value.category(), value.value(), value.textValue(), value.source(),
                value.comment(), value.enteredBy() == null ? null : names.get(value.enteredBy()), value.enteredAt());
    }

    /** Sets (or clears, when blank) the comment of a recorded value. */
    @Transactional
    public void comment(long evaluationId, long indicatorId, String period, String category,
            @Nullable String comment) {
        Evaluation evaluation = editable(evaluationId);
        find(indicators.indicators(evaluation.structureId(), evaluationId), indicatorId);
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && (text.length() > 1000 || Texts.hasControlCharacters(text))) {
            throw new RuleViolationException("comment", "framework.text.invalid", 1000);
        }
        if (!indicators.comment(evaluation.structureId(), indicatorId, period, category == null ? "" : category,
                text)) {
            throw new FrameworkItemNotFoundException(indicatorId);
        }
    }

    private int save(long evaluationId, boolean targets, List<CellInput> cells, DataSource source) {
        Evaluation evaluation = editable(evaluationId);
        long structureId = evaluation.structureId();
        List<Indicator> all = indicators.indicators(structureId, evaluationId);
        Map<Long, Indicator> byId = all.stream().collect(Collectors.toMap(Indicator::id, Function.identity()));
        Map<Long, List<String>> categories = targets ? Map.of() : categories(structureId, all);
        Set<Long> fed = targets ? Set.of() : fed(evaluation);
        List<Violation> errors = new ArrayList<>();
        Map<ValueKey, DataValue> parsed = new LinkedHashMap<>();
        Map<ValueKey, Integer> positions = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            CellInput cell = cells.get(i);
            Indicator indicator = byId.get(cell.indicatorId());
            if (indicator == null) {
                throw new IndicatorNotFoundException(cell.indicatorId());
            }
            Optional<Period> period = Period.parse(cell.period());
            String category = cell.category() == null ? "" : cell.category().strip();
            String error = null;
            Cell value = null;
            String text = cell.text() == null ? "" : cell.text().strip();
            if (period.isEmpty() || !period.get().within(evaluation.periodStart(), evaluation.periodEnd())) {
                error = "framework.grid.period";
            }
            else if (!category.isEmpty() && !categories.getOrDefault(indicator.id(), List.of()).contains(category)) {
                error = "framework.grid.category";
            }
            else if (!text.isEmpty() && !targets && indicator.computedByFormula()) {
                error = "framework.grid.formula";
            }
            else if (!text.isEmpty() && !targets && fed.contains(indicator.id())) {
                error = "framework.grid.computed";
            }
            else if (!text.isEmpty()) {
                value = targets ? number(indicator, text, true) : parse(indicator, text);
                error = value.error();
            }
            if (error != null) {
                errors.add(cellError(i, indicator, category, cell.period(), error));
                continue;
            }
            ValueKey key = new ValueKey(indicator.id(), period.get().code(), category);
            String comment = cell.comment() == null || cell.comment().isBlank() ? null : cell.comment().strip();
            if (comment != null && (comment.length() > 1000 || Texts.hasControlCharacters(comment))) {
                errors.add(cellError(i, indicator, category, cell.period(), "framework.grid.comment"));
                continue;
            }
            parsed.put(key, new DataValue(indicator.id(), key.period(), category, value == null ? null
                    : value.number(), value == null ? null : value.text(), source, comment));
            positions.put(key, i);
        }
        if (errors.isEmpty() && !targets) {
            errors.addAll(totals(structureId, evaluationId, byId, categories, parsed, positions, source));
        }
        if (!errors.isEmpty()) {
            throw new RuleViolationException(errors);
        }
        if (targets) {
            parsed.values().forEach(value -> indicators.putTarget(structureId, evaluationId, value.indicatorId(),
                    value.period(), value.value()));
        }
        else {
            List<DataValue> written = List.copyOf(parsed.values());
            Instant now = clock.instant();
            for (int from = 0; from < written.size(); from += WRITE_BATCH) {
                indicators.putValues(structureId, evaluationId, written.subList(from, Math.min(written.size(),
                        from + WRITE_BATCH)), source, access.currentUserId(), now);
            }
        }
        return parsed.size();
    }

    private record ValueKey(long indicatorId, String period, String category) {
    }

    /**
     * Sets the total of each additive disaggregated indicator touched to the sum of its categories
     * (those stored, overlaid with those saved); a total typed that differs from that sum is refused.
     */
    private List<Violation> totals(long structureId, long evaluationId, Map<Long, Indicator> byId,
            Map<Long, List<String>> categories, Map<ValueKey, DataValue> parsed, Map<ValueKey, Integer> positions,
            DataSource source) {
        Map<ValueKey, BigDecimal> merged = new HashMap<>();
        Set<ValueKey> touched = new LinkedHashSet<>();
        for (ValueKey key : parsed.keySet()) {
            if (categories.containsKey(key.indicatorId()) && byId.get(key.indicatorId()).measure().additive()) {
                touched.add(new ValueKey(key.indicatorId(), key.period(), ""));
            }
        }
        if (touched.isEmpty()) {
            return List.of();
        }
        Map<ValueKey, BigDecimal> storedTotals = new HashMap<>();
        for (DataValue stored : indicators.values(structureId, evaluationId)) {
            if (stored.value() != null) {
                (stored.category().isEmpty() ? storedTotals : merged).put(new ValueKey(stored.indicatorId(),
                        stored.period(), stored.category()), stored.value());
            }
        }
        parsed.forEach((key, value) -> {
            if (!key.category().isEmpty()) {
                if (value.value() == null) {
                    merged.remove(key);
                }
                else {
                    merged.put(key, value.value());
                }
            }
        });
        List<Violation> errors = new ArrayList<>();
        for (ValueKey total : touched) {
            List<BigDecimal> parts = categories.get(total.indicatorId()).stream()
                    .map(category -> merged.get(new ValueKey(total.indicatorId(), total.period(), category)))
                    .filter(Objects::nonNull).toList();
            if (parts.isEmpty()) {
                continue;
            }
            BigDecimal sum = parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            DataValue typed = parsed.get(total);
            // the grid posts the stored total back unchanged: that is not a total typed by hand
            boolean typedByHand = typed != null && typed.value() != null
                    && (storedTotals.get(total) == null || typed.value().compareTo(storedTotals.get(total)) != 0);
            Indicator indicator = byId.get(total.indicatorId());
            if (sum.abs().compareTo(MAX) > 0 || (indicator.maximum() != null && sum.compareTo(indicator.maximum()) > 0)) {
                errors.add(new Violation(String.valueOf(positions.getOrDefault(total, 0)), "framework.grid.cellError",
                        indicator.name(), total.period(), new DefaultMessageSourceResolvable(
                                new String[] { "framework.grid.range" }, new Object[] { "",
                                        indicator.maximum() == null ? "" : DataGrid.show(indicator.maximum()) })));
            }
            else if (typedByHand && typed.value().compareTo(sum) != 0) {
                errors.add(new Violation(String.valueOf(positions.get(total)), "framework.grid.cellError",
                        indicator.name(), total.period(), new DefaultMessageSourceResolvable(
                                new String[] { "framework.grid.total" }, new Object[] { DataGrid.show(sum) })));
            }
            else {
                parsed.put(total, new DataValue(total.indicatorId(), total.period(), "", sum, null, source,
                        typed == null ? null : typed.comment()));
            }
        }
        return errors;
    }

    // --- results ------------------------------------------------------------------------------

    /**
     * Each numeric indicator's results per period (of this frequency, or the custom periods), for
     * its total and, when it is disaggregated, for each category.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<IndicatorResults> results(long evaluationId, PeriodType frequency) {
        return results(evaluations.evaluation(evaluationId), frequency);
    }

    /**
     * The same results without checking the caller, for background work that decides itself what
     * it shows (the results a network aggregates only once shared with it).
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<IndicatorResults> resultsUnchecked(Evaluation evaluation, PeriodType frequency) {
        return results(evaluation, frequency);
    }

    private List<IndicatorResults> results(Evaluation evaluation, PeriodType frequency) {
        long evaluationId = evaluation.id();
        List<Indicator> numeric = indicators.indicators(evaluation.structureId(), evaluationId).stream()
                .filter(indicator -> indicator.measure().numeric()).toList();
        Map<Long, String> codes = numeric.stream().collect(Collectors.toMap(Indicator::id, Indicator::code));
        Map<String, Map<String, Map<Period, BigDecimal>>> valuesByCategory = new HashMap<>();
        List<DataValue> recorded = new ArrayList<>(indicators.values(evaluation.structureId(), evaluationId));
        // a value typed for a period a survey also gives is kept and shown, but the survey's counts
        Map<Long, Map<String, BigDecimal>> typedTotals = new HashMap<>();
        recorded.stream().filter(value -> value.value() != null && value.category().isEmpty()).forEach(value ->
                typedTotals.computeIfAbsent(value.indicatorId(), id -> new HashMap<>()).put(value.period(), value.value()));
        Map<Long, Map<String, BigDecimal>> typedReplaced = new HashMap<>();
        Map<Long, Map<String, Long>> answered = new HashMap<>();
        computed.forEach(source -> source.values(evaluation.structureId(), evaluationId).forEach(value -> {
            recorded.add(value);
            if (value.category().isEmpty() && value.value() != null) {
                BigDecimal typed = typedTotals.getOrDefault(value.indicatorId(), Map.of()).get(value.period());
                if (typed != null) {
                    typedReplaced.computeIfAbsent(value.indicatorId(), id -> new HashMap<>()).put(value.period(), typed);
                }
                Long count = ComputedValues.answered(value);
                if (count != null) {
                    answered.computeIfAbsent(value.indicatorId(), id -> new HashMap<>()).put(value.period(), count);
                }
            }
        }));
        for (DataValue value : recorded) {
            if (value.value() != null && codes.containsKey(value.indicatorId())) {
                Period.parse(value.period()).ifPresent(period -> valuesByCategory
                        .computeIfAbsent(value.category(), category -> new HashMap<>())
                        .computeIfAbsent(codes.get(value.indicatorId()), code -> new HashMap<>())
                        .put(period, value.value()));
            }
        }
        Map<String, Map<Period, BigDecimal>> targets = new HashMap<>();
        for (IndicatorTarget target : indicators.targets(evaluation.structureId(), evaluationId)) {
            if (codes.containsKey(target.indicatorId())) {
                Period.parse(target.period()).ifPresent(period -> targets.computeIfAbsent(
                        codes.get(target.indicatorId()), code -> new HashMap<>()).put(period, target.value()));
            }
        }
        List<Period> periods = periods(evaluation, frequency).list();
        // one time budget for all the formulas of the evaluation: no formula holds the thread
        long deadline = ResultCalculator.deadline(formulaBudget);
        List<IndicatorResult> totals = ResultCalculator.compute(numeric.stream().map(Indicator::spec).toList(),
                valuesByCategory.getOrDefault("", Map.of()), targets, periods, deadline);
        Map<Long, List<String>> categories = categories(evaluation.structureId(), numeric);
        Map<String, Map<String, List<PeriodResult>>> byCategory = new HashMap<>();
        for (String category : categories.values().stream().flatMap(List::stream).distinct().toList()) {
            Set<String> concerned = numeric.stream()
                    .filter(indicator -> categories.getOrDefault(indicator.id(), List.of()).contains(category))
                    .map(Indicator::code).collect(Collectors.toSet());
            List<IndicatorResult> computed = ResultCalculator.compute(numeric.stream().map(Indicator::spec).toList(),
                    valuesByCategory.getOrDefault(category, Map.of()), Map.of(), periods, deadline);
            computed.stream().filter(result -> concerned.contains(result.code())).forEach(result -> byCategory
                    .computeIfAbsent(result.code(), code -> new LinkedHashMap<>()).put(category, result.periods()));
        }
        List<IndicatorResults> results = new ArrayList<>();
        for (int i = 0; i < numeric.size(); i++) {
            Indicator indicator = numeric.get(i);
            Map<String, List<PeriodResult>> ordered = new LinkedHashMap<>();
            Map<String, List<PeriodResult>> computed = byCategory.getOrDefault(indicator.code(), Map.of());
            categories.getOrDefault(indicator.id(), List.of()).forEach(category -> ordered.put(category,
                    computed.get(category)));
            results.add(new IndicatorResults(indicator, totals.get(i).periods(), ordered,
                    answered.getOrDefault(indicator.id(), Map.of()), typedReplaced.getOrDefault(indicator.id(), Map.of())));
        }
        return results;
    }

    /** The indicators whose values another module computes (from a survey's answers). */
    private Set<Long> fed(Evaluation evaluation) {
        Set<Long> fed = new HashSet<>();
        computed.forEach(source -> fed.addAll(source.fedIndicators(evaluation.structureId(), evaluation.id())));
        return fed;
    }

    // --- periods and disaggregations ----------------------------------------------------------

    /** Reporting periods in order, with the labels of custom periods. */
    private record Periods(List<Period> list, Map<String, String> labels) {
    }

    private Periods periods(Evaluation evaluation, PeriodType frequency) {
        if (frequency != PeriodType.CUSTOM) {
            return new Periods(Period.between(frequency, evaluation.periodStart(), evaluation.periodEnd()), Map.of());
        }
        List<CustomPeriod> custom = disaggregations.customPeriods(evaluation.structureId(), evaluation.id());
        return new Periods(custom.stream().map(CustomPeriod::period).toList(), custom.stream().collect(
                Collectors.toMap(period -> period.period().code(), CustomPeriod::label, (a, b) -> a)));
    }

    /** The categories of each disaggregated indicator (text indicators are not broken down). */
    private Map<Long, List<String>> categories(long structureId, List<Indicator> concerned) {
        Map<Long, Disaggregation> byId = disaggregations.disaggregations(structureId).stream()
                .collect(Collectors.toMap(Disaggregation::id, Function.identity()));
        Map<Long, List<String>> categories = new HashMap<>();
        concerned.stream().filter(indicator -> indicator.disaggregationId() != null
                && byId.containsKey(indicator.disaggregationId())).forEach(indicator ->
                categories.put(indicator.id(), byId.get(indicator.disaggregationId()).categories()));
        return categories;
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

    /**
     * Why a code is refused: the first character a code cannot hold, with its place and the code
     * folded to what codes accept ({@code heures_bénévoles} → {@code heures_benevoles}). Codes stay
     * unaccented: they name survey fields (XLSForm), DHIS2 mappings and exchange documents' keys,
     * which other tools read (docs/guide.md, « Les codes »).
     */
    static Violation codeRefusal(String code) {
        if (code.isEmpty() || code.length() > 60) {
            return new Violation("code", "framework.indicator.code.invalid");
        }
        int at = 0;
        while (at < code.length()) {
            int character = code.codePointAt(at);
            boolean allowed = (character >= 'a' && character <= 'z')
                    || (at > 0 && ((character >= '0' && character <= '9') || character == '_'));
            if (!allowed) {
                break;
            }
            at += Character.charCount(character);
        }
        if (at >= code.length()) {
            return new Violation("code", "framework.indicator.code.invalid");
        }
        String folded = Texts.slug(code, 60);
        if (!folded.isEmpty() && !Character.isLetter(folded.charAt(0))) {
            folded = Texts.slug("i_" + folded, 60);
        }
        String refused = new String(Character.toChars(code.codePointAt(at)));
        int position = code.codePointCount(0, at) + 1;
        return folded.isEmpty() ? new Violation("code", "framework.indicator.code.character", refused, position)
                : new Violation("code", "framework.indicator.code.folded", refused, position, folded);
    }

    /**
     * The hints for a refused formula and, when they fix it whole, the formula corrected (the last
     * violation, {@code framework.formula.suggestion}, which pages offer to use in one click).
     */
    private static List<Violation> suggestion(String code, String formula, Map<String, String> formulas,
            List<String> known) {
        FormulaFix fix = Formulas.fix(formula, known);
        List<Violation> violations = new ArrayList<>();
        fix.hints().forEach(hint -> violations.add(new Violation("formula", hint.code(), hint.arguments())));
        if (fix.formula() != null) {
            try {
                Formulas.check(code, fix.formula(), formulas, known);
                violations.add(new Violation("formula", SUGGESTION, fix.formula()));
            }
            catch (InvalidFormulaException ex) {
                // the fixes leave another fault: the hints alone are given
            }
        }
        return violations;
    }

    /** The code of the violation that carries a refused formula corrected, as its only argument. */
    public static final String SUGGESTION = "framework.formula.suggestion";

    /** The corrected formula a refusal offers, if any. */
    public static Optional<String> suggestedFormula(RuleViolationException refusal) {
        return refusal.violations().stream().filter(violation -> violation.code().equals(SUGGESTION))
                .map(violation -> (String) violation.arguments()[0]).findFirst();
    }

    /** Checks an indicator (or a library entry) against the others, and gives it back cleaned. */
    static IndicatorDraft validate(IndicatorDraft draft, @Nullable Indicator current, List<Indicator> existing,
            List<Disaggregation> available) {
        List<Violation> violations = new ArrayList<>();
        String code = draft.code() == null ? ""
                : Normalizer.normalize(draft.code().strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (!code.matches("[a-z][a-z0-9_]{0,59}")) {
            violations.add(codeRefusal(code));
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
                    violations.addAll(suggestion(code, formula, formulas, known));
                }
            }
        }
        Long disaggregation = draft.disaggregationId();
        if (disaggregation != null && (measure == Measure.TEXT || available.stream()
                .noneMatch(candidate -> candidate.id() == disaggregation))) {
            violations.add(new Violation("disaggregationId", "framework.indicator.disaggregation.invalid"));
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
        Integer precision = draft.displayPrecision();
        if (precision != null && (precision < 0 || precision > 4)) {
            violations.add(new Violation("displayPrecision", "framework.indicator.precision.invalid"));
        }
        // a percentage, a ratio or a level is never summed over time: its mean, unless its last value is asked
        Aggregation aggregation = draft.aggregation() == null || (draft.aggregation() == Aggregation.SUM
                && !measure.summable()) ? (measure.summable() ? Aggregation.SUM : Aggregation.AVERAGE)
                        : draft.aggregation();
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return new IndicatorDraft(code, name, description, measure, unit, levels, draft.baselineValue(),
                draft.baselineDate(), draft.direction() == null ? Direction.INCREASE : draft.direction(),
                draft.frequency() == null ? PeriodType.YEAR : draft.frequency(), aggregation,
                Boolean.TRUE.equals(draft.cumulativeTargets()), source, formula, collector, minimum, maximum,
                disaggregation, precision == null ? measure.defaultPrecision(unit) : precision);
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
        if (indicator.measure() == Measure.YES_NO) {
            Integer answer = Measure.yesNo(text);
            return answer == null ? Cell.refused("framework.grid.yesNo") : Cell.of(BigDecimal.valueOf(answer));
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

    private static Violation cellError(int index, Indicator indicator, String category, String period,
            String code) {
        return new Violation(String.valueOf(index), "framework.grid.cellError",
                category.isEmpty() ? indicator.name() : indicator.name() + " — " + category, period,
                new DefaultMessageSourceResolvable(new String[] { code }, new Object[] {
                        indicator.minimum() == null ? "" : DataGrid.show(indicator.minimum()),
                        indicator.maximum() == null ? "" : DataGrid.show(indicator.maximum()) }));
    }

    private static String shown(Indicator indicator, DataValue value) {
        if (value.textValue() != null) {
            return value.textValue();
        }
        if (indicator != null && indicator.measure() == Measure.ORDINAL) {
            int level = value.value().intValue();
            return level >= 1 && level <= indicator.scaleLevels().size() ? indicator.scaleLevels().get(level - 1)
                    : DataGrid.show(value.value());
        }
        if (indicator != null && indicator.measure() == Measure.YES_NO && value.value() != null) {
            // the grid posts "oui"/"non" back, and reads them (as yes/no, true/false, 1/0)
            return value.value().signum() == 0 ? "non" : value.value().compareTo(BigDecimal.ONE) == 0 ? "oui"
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
