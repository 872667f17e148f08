package fr.maillon.exchange;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import fr.maillon.chain.ElementKind;
import fr.maillon.exchange.EvaluationDocument.CriterionPart;
import fr.maillon.exchange.EvaluationDocument.DisaggregationPart;
import fr.maillon.exchange.EvaluationDocument.FrameworkPart;
import fr.maillon.exchange.EvaluationDocument.IndicatorPart;
import fr.maillon.exchange.EvaluationDocument.LibraryRef;
import fr.maillon.exchange.EvaluationDocument.ObjectivePart;
import fr.maillon.exchange.EvaluationDocument.PeriodPart;
import fr.maillon.exchange.EvaluationDocument.QuestionPart;
import fr.maillon.exchange.EvaluationDocument.SignOffPart;
import fr.maillon.exchange.EvaluationDocument.TargetPart;
import fr.maillon.exchange.EvaluationDocument.ValuePart;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.Criterion;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.DataValue;
import fr.maillon.framework.Disaggregation;
import fr.maillon.framework.DisaggregationService;
import fr.maillon.framework.EvaluativeQuestion;
import fr.maillon.framework.Formulas;
import fr.maillon.framework.FrameworkOverview;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.IndicatorLibrary;
import fr.maillon.framework.IndicatorLinks;
import fr.maillon.framework.IndicatorTarget;
import fr.maillon.framework.InvalidFormulaException;
import fr.maillon.framework.LibraryEntry;
import fr.maillon.framework.LibraryService;
import fr.maillon.framework.SignOff;
import fr.maillon.framework.ValidationService;
import fr.maillon.framework.Objective;
import fr.maillon.framework.ObjectiveDraft;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.framework.QuestionDraft;
import fr.maillon.web.Problems.ApiError;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;

/** The cadre d'évaluation's part of the exchange format: export, reference checks and import. */
@Component
class FrameworkExchange {

    private final FrameworkService framework;
    private final ObjectiveService objectives;
    private final DisaggregationService disaggregations;
    private final LibraryService libraries;
    private final MessageSource messages;
    private final ValidationService validation;

    FrameworkExchange(FrameworkService framework, ObjectiveService objectives, DisaggregationService disaggregations,
            LibraryService libraries, MessageSource messages, ValidationService validation) {
        this.validation = validation;
        this.framework = framework;
        this.objectives = objectives;
        this.disaggregations = disaggregations;
        this.libraries = libraries;
        this.messages = messages;
    }

    // --- export -------------------------------------------------------------------------------

    @Nullable
    FrameworkPart export(long evaluationId, Map<Long, String> elementRefs) {
        FrameworkOverview overview = objectives.overview(evaluationId);
        List<Indicator> indicators = framework.indicators(evaluationId);
        List<PeriodPart> periods = disaggregations.customPeriods(evaluationId).stream()
                .map(period -> new PeriodPart(period.label(), period.start(), period.end())).toList();
        if (indicators.isEmpty() && overview.objectives().isEmpty() && overview.questions().isEmpty()
                && periods.isEmpty()) {
            return null;
        }
        Map<Long, Disaggregation> disaggregationsById = disaggregations.disaggregations(evaluationId).stream()
                .collect(Collectors.toMap(Disaggregation::id, Function.identity()));
        Map<Long, LibraryRef> libraryRefs = new HashMap<>();
        for (IndicatorLibrary library : libraries.libraries(evaluationId)) {
            library.entries().forEach(entry -> libraryRefs.put(entry.id(), new LibraryRef(library.code(), entry.code())));
        }
        Map<Long, String> objectiveRefs = new HashMap<>();
        List<ObjectivePart> objectiveParts = new ArrayList<>();
        for (Objective objective : overview.objectives()) {
            String ref = "obj-" + (objectiveParts.size() + 1);
            objectiveRefs.put(objective.id(), ref);
            objectiveParts.add(new ObjectivePart(ref, objective.target(), objective.title(), objective.description(),
                    objective.effectIds().stream().map(elementRefs::get).toList()));
        }
        Map<Long, Criterion> criteria = overview.criteria().stream()
                .collect(Collectors.toMap(Criterion::id, Function.identity()));
        Map<Long, String> questionRefs = new HashMap<>();
        List<QuestionPart> questionParts = new ArrayList<>();
        List<CriterionPart> criterionParts = new ArrayList<>();
        for (EvaluativeQuestion question : overview.questions()) {
            String ref = "q-" + (questionParts.size() + 1);
            questionRefs.put(question.id(), ref);
            Criterion criterion = criteria.get(question.criterionId());
            if (criterion.own() && criterionParts.stream().noneMatch(part -> part.code().equals(criterion.code()))) {
                criterionParts.add(new CriterionPart(criterion.code(), criterion.label(), criterion.definition()));
            }
            questionParts.add(new QuestionPart(ref, criterion.code(), question.text(),
                    question.objectiveIds().stream().map(objectiveRefs::get).toList()));
        }
        Map<Long, List<TargetPart>> targets = new HashMap<>();
        for (IndicatorTarget target : framework.targets(evaluationId)) {
            targets.computeIfAbsent(target.indicatorId(), id -> new ArrayList<>())
                    .add(new TargetPart(target.period(), plain(target.value())));
        }
        Map<Long, List<ValuePart>> values = new HashMap<>();
        for (DataValue value : framework.values(evaluationId)) {
            values.computeIfAbsent(value.indicatorId(), id -> new ArrayList<>()).add(new ValuePart(value.period(),
                    value.category().isEmpty() ? null : value.category(), value.value() == null ? null
                            : plain(value.value()), value.textValue(),
                    value.source() == DataSource.MANUAL ? null : value.source(), value.comment()));
        }
        List<DisaggregationPart> disaggregationParts = new ArrayList<>();
        List<IndicatorPart> indicatorParts = new ArrayList<>();
        for (Indicator indicator : indicators) {
            Disaggregation disaggregation = indicator.disaggregationId() == null ? null
                    : disaggregationsById.get(indicator.disaggregationId());
            if (disaggregation != null && !disaggregation.shipped() && disaggregationParts.stream()
                    .noneMatch(part -> part.code().equals(disaggregation.code()))) {
                disaggregationParts.add(new DisaggregationPart(disaggregation.code(), disaggregation.name(),
                        disaggregation.categories()));
            }
            IndicatorLinks links = overview.links(indicator.id());
            indicatorParts.add(new IndicatorPart(indicator.code(), indicator.name(), indicator.description(),
                    indicator.measure(), indicator.unit(), indicator.scaleLevels(), indicator.baselineValue(),
                    indicator.baselineDate(), indicator.direction(), indicator.frequency(), indicator.aggregation(),
                    indicator.cumulativeTargets() ? true : null, indicator.source(), indicator.formula(),
                    indicator.collector(), indicator.minimum(), indicator.maximum(),
                    disaggregation == null ? null : disaggregation.code(),
                    indicator.libraryEntryId() == null ? null : libraryRefs.get(indicator.libraryEntryId()),
                    links.questionIds().stream().map(questionRefs::get).toList(),
                    links.elementIds().stream().map(elementRefs::get).toList(),
                    targets.getOrDefault(indicator.id(), List.of()), values.getOrDefault(indicator.id(), List.of()),
                    indicator.displayPrecision()));
        }
        List<SignOffPart> signOffs = validation.signOffsUnchecked(evaluationId).stream().filter(SignOff::current)
                .map(signOff -> new SignOffPart(signOff.period(), signOff.signedByName(), signOff.signedAt(),
                        signOff.openViolations(), signOff.note()))
                .toList();
        return new FrameworkPart(criterionParts, disaggregationParts, periods, objectiveParts, questionParts,
                indicatorParts, signOffs);
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    // --- references ---------------------------------------------------------------------------

    /** Unique refs and codes, and references that lead to an effect, an element, an objective, a question. */
    void checkReferences(FrameworkPart part, Map<String, ElementKind> elements, List<ApiError> errors) {
        Set<String> objectiveRefs = new HashSet<>();
        for (int i = 0; i < part.objectives().size(); i++) {
            ObjectivePart objective = part.objectives().get(i);
            String path = "$.framework.objectives[" + i + "]";
            if (!objectiveRefs.add(objective.ref()) || elements.containsKey(objective.ref())) {
                errors.add(new ApiError(path + ".ref", message("exchange.ref.duplicate")));
            }
            List<String> effects = objective.effects() == null ? List.of() : objective.effects();
            for (int j = 0; j < effects.size(); j++) {
                if (elements.get(effects.get(j)) != ElementKind.EFFECT) {
                    errors.add(new ApiError(path + ".effects[" + j + "]", message("exchange.ref.effect", effects.get(j))));
                }
            }
        }
        Set<String> questionRefs = new HashSet<>();
        for (int i = 0; i < part.questions().size(); i++) {
            QuestionPart question = part.questions().get(i);
            String path = "$.framework.questions[" + i + "]";
            if (!questionRefs.add(question.ref()) || objectiveRefs.contains(question.ref())
                    || elements.containsKey(question.ref())) {
                errors.add(new ApiError(path + ".ref", message("exchange.ref.duplicate")));
            }
            List<String> linked = question.objectives() == null ? List.of() : question.objectives();
            for (int j = 0; j < linked.size(); j++) {
                if (!objectiveRefs.contains(linked.get(j))) {
                    errors.add(new ApiError(path + ".objectives[" + j + "]", message("exchange.ref.objective",
                            linked.get(j))));
                }
            }
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < part.indicators().size(); i++) {
            IndicatorPart indicator = part.indicators().get(i);
            String path = "$.framework.indicators[" + i + "]";
            if (!codes.add(indicator.code())) {
                errors.add(new ApiError(path + ".code", message("exchange.code.duplicate")));
            }
            List<String> questions = indicator.questions() == null ? List.of() : indicator.questions();
            for (int j = 0; j < questions.size(); j++) {
                if (!questionRefs.contains(questions.get(j))) {
                    errors.add(new ApiError(path + ".questions[" + j + "]", message("exchange.ref.question",
                            questions.get(j))));
                }
            }
            List<String> linked = indicator.elements() == null ? List.of() : indicator.elements();
            for (int j = 0; j < linked.size(); j++) {
                if (!elements.containsKey(linked.get(j))) {
                    errors.add(new ApiError(path + ".elements[" + j + "]", message("exchange.ref.element",
                            linked.get(j))));
                }
            }
        }
    }

    // --- import -------------------------------------------------------------------------------

    /** Writes the framework through its services, so that every rule applies; collects all failures. */
    void write(long evaluationId, FrameworkPart part, Map<String, Long> elementIds, List<ApiError> errors) {
        Map<String, Long> criteria = criteria(evaluationId, part, errors);
        Map<String, Long> disaggregationIds = disaggregations(evaluationId, part, errors);
        for (int i = 0; i < part.periods().size(); i++) {
            PeriodPart period = part.periods().get(i);
            attempt("$.framework.periods[" + i + "]", errors, () -> disaggregations.addCustomPeriod(evaluationId,
                    period.label(), period.start(), period.end()));
        }
        Map<String, Long> objectiveIds = new HashMap<>();
        for (int i = 0; i < part.objectives().size(); i++) {
            ObjectivePart objective = part.objectives().get(i);
            attempt("$.framework.objectives[" + i + "]", errors, () -> objectiveIds.put(objective.ref(),
                    objectives.addObjective(evaluationId, new ObjectiveDraft(objective.target(), objective.title(),
                            objective.description(), ids(objective.effects(), elementIds)))));
        }
        Map<String, Long> questionIds = new HashMap<>();
        for (int i = 0; i < part.questions().size(); i++) {
            QuestionPart question = part.questions().get(i);
            String path = "$.framework.questions[" + i + "]";
            Long criterion = criteria.get(question.criterion());
            if (criterion == null) {
                errors.add(new ApiError(path + ".criterion", message("exchange.criterion.unknown",
                        question.criterion())));
                continue;
            }
            attempt(path, errors, () -> questionIds.put(question.ref(), objectives.addQuestion(evaluationId,
                    new QuestionDraft(criterion, question.text(), ids(question.objectives(), objectiveIds)))));
        }
        Map<String, Long> entries = new HashMap<>();
        for (IndicatorLibrary library : libraries.libraries(evaluationId)) {
            for (LibraryEntry entry : library.entries()) {
                entries.putIfAbsent(library.code() + ":" + entry.code(), entry.id());
            }
        }
        Map<String, Long> indicatorIds = new HashMap<>();
        for (int i : formulaOrder(part.indicators())) {
            IndicatorPart indicator = part.indicators().get(i);
            String path = "$.framework.indicators[" + i + "]";
            Long disaggregation = null;
            if (indicator.disaggregation() != null) {
                disaggregation = disaggregationIds.get(indicator.disaggregation());
                if (disaggregation == null) {
                    errors.add(new ApiError(path + ".disaggregation", message("exchange.disaggregation.unknown",
                            indicator.disaggregation())));
                    continue;
                }
            }
            IndicatorDraft draft = new IndicatorDraft(indicator.code(), indicator.name(), indicator.description(),
                    indicator.measure(), indicator.unit(), indicator.scaleLevels(), indicator.baselineValue(),
                    indicator.baselineDate(), indicator.direction(), indicator.frequency(), indicator.aggregation(),
                    indicator.cumulativeTargets(), indicator.source(), indicator.formula(), indicator.collector(),
                    indicator.minimum(), indicator.maximum(), disaggregation, indicator.displayPrecision());
            Long entry = indicator.library() == null ? null
                    : entries.get(indicator.library().library() + ":" + indicator.library().entry());
            attempt(path, errors, () -> {
                long id = framework.addIndicator(evaluationId, draft, entry);
                indicatorIds.put(indicator.code(), id);
                objectives.linkIndicator(evaluationId, new IndicatorLinks(id, ids(indicator.questions(), questionIds),
                        ids(indicator.elements(), elementIds)));
            });
        }
        if (!errors.isEmpty()) {
            return;
        }
        saveCells(evaluationId, part, indicatorIds, errors, true, null);
        for (DataSource source : List.of(DataSource.MANUAL, DataSource.SURVEY, DataSource.IMPORT)) {
            saveCells(evaluationId, part, indicatorIds, errors, false, source);
        }
        // after the values, which would otherwise withdraw them
        for (int i = 0; i < part.signOffs().size(); i++) {
            SignOffPart signOff = part.signOffs().get(i);
            attempt("$.framework.signOffs[" + i + "]", errors, () -> validation.restoreSignOff(evaluationId,
                    signOff.period(), signOff.signedBy(), signOff.signedAt(),
                    signOff.openViolations() == null ? 0 : signOff.openViolations(), signOff.note()));
        }
    }

    /** Saves the targets, or the values of one source, naming a refused one by its place in the document. */
    private void saveCells(long evaluationId, FrameworkPart part, Map<String, Long> indicatorIds, List<ApiError> errors,
            boolean targets, @Nullable DataSource source) {
        List<CellInput> cells = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < part.indicators().size(); i++) {
            IndicatorPart indicator = part.indicators().get(i);
            long id = indicatorIds.get(indicator.code());
            if (targets) {
                List<TargetPart> list = indicator.targets() == null ? List.of() : indicator.targets();
                for (int j = 0; j < list.size(); j++) {
                    cells.add(new CellInput(id, list.get(j).period(), list.get(j).value().toPlainString()));
                    paths.add("$.framework.indicators[" + i + "].targets[" + j + "]");
                }
                continue;
            }
            List<ValuePart> list = indicator.values() == null ? List.of() : indicator.values();
            for (int j = 0; j < list.size(); j++) {
                ValuePart value = list.get(j);
                if ((value.source() == null ? DataSource.MANUAL : value.source()) == source) {
                    cells.add(new CellInput(id, value.period(), value.category() == null ? "" : value.category(),
                            value.value() != null ? value.value().toPlainString() : value.text(), value.comment()));
                    paths.add("$.framework.indicators[" + i + "].values[" + j + "]");
                }
            }
        }
        if (cells.isEmpty()) {
            return;
        }
        try {
            if (targets) {
                framework.saveGrid(evaluationId, true, cells);
            }
            else {
                framework.saveValues(evaluationId, cells, source);
            }
        }
        catch (RuleViolationException ex) {
            ex.violations().forEach(violation -> errors.add(new ApiError(violation.field().matches("\\d+")
                    ? paths.get(Integer.parseInt(violation.field())) : "$.framework",
                    message(violation.code(), violation.arguments()))));
        }
    }

    /** The document's criteria codes, and the defaults', mapped to the structure's criteria (created if new). */
    private Map<String, Long> criteria(long evaluationId, FrameworkPart part, List<ApiError> errors) {
        Map<String, Long> byCode = new HashMap<>();
        objectives.overview(evaluationId).criteria().forEach(criterion -> byCode.put(criterion.code(), criterion.id()));
        for (int i = 0; i < part.criteria().size(); i++) {
            CriterionPart criterion = part.criteria().get(i);
            Long existing = byCode.getOrDefault(criterion.code(), byCode.get(Texts.slug(criterion.label(), 40)));
            if (existing != null) {
                byCode.put(criterion.code(), existing);
                continue;
            }
            attempt("$.framework.criteria[" + i + "]", errors, () -> byCode.put(criterion.code(),
                    objectives.addCriterion(evaluationId, criterion.label())));
        }
        return byCode;
    }

    /** Maillon's disaggregations and the structure's by code; the document's own ones are added when new. */
    private Map<String, Long> disaggregations(long evaluationId, FrameworkPart part, List<ApiError> errors) {
        Map<String, Long> byCode = new HashMap<>();
        disaggregations.disaggregations(evaluationId).forEach(d -> byCode.put(d.code(), d.id()));
        for (int i = 0; i < part.disaggregations().size(); i++) {
            DisaggregationPart disaggregation = part.disaggregations().get(i);
            if (!byCode.containsKey(disaggregation.code())) {
                attempt("$.framework.disaggregations[" + i + "]", errors, () -> byCode.put(disaggregation.code(),
                        disaggregations.addDisaggregation(evaluationId, disaggregation.name(),
                                disaggregation.categories())));
            }
        }
        return byCode;
    }

    /** The indicators' positions, each formula after the indicators of the document it reads. */
    private static List<Integer> formulaOrder(List<IndicatorPart> indicators) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < indicators.size(); i++) {
            positions.putIfAbsent(indicators.get(i).code(), i);
        }
        List<Integer> order = new ArrayList<>();
        Set<Integer> visiting = new HashSet<>();
        for (int i = 0; i < indicators.size(); i++) {
            visit(i, indicators, positions, order, visiting);
        }
        return order;
    }

    private static void visit(int i, List<IndicatorPart> indicators, Map<String, Integer> positions, List<Integer> order,
            Set<Integer> visiting) {
        if (order.contains(i) || !visiting.add(i)) {
            return;
        }
        String formula = indicators.get(i).formula();
        if (formula != null) {
            try {
                for (String input : Formulas.variables(formula)) {
                    Integer position = positions.get(input);
                    if (position != null) {
                        visit(position, indicators, positions, order, visiting);
                    }
                }
            }
            catch (InvalidFormulaException ex) {
                // an unreadable formula is refused, with its path, when the indicator is added
            }
        }
        order.add(i);
    }

    private static List<Long> ids(@Nullable List<String> refs, Map<String, Long> ids) {
        return refs == null ? List.of() : refs.stream().map(ids::get).filter(id -> id != null).toList();
    }

    private void attempt(String path, List<ApiError> errors, Runnable action) {
        try {
            action.run();
        }
        catch (RuleViolationException ex) {
            ex.violations().forEach(violation -> errors.add(new ApiError(
                    violation.field().isEmpty() ? path : path + "." + violation.field(),
                    message(violation.code(), violation.arguments()))));
        }
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale());
    }
}
