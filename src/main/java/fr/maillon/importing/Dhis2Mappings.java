package fr.maillon.importing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.Disaggregation;
import fr.maillon.framework.DisaggregationService;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.importing.internal.Dhis2MappingRepository;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.web.Texts;

/**
 * A structure's DHIS2 mappings, made and changed from one of its evaluations (whose indicators and
 * disaggregations the lines are checked against), for its editors only.
 */
@Service
public class Dhis2Mappings {

    static final int MAX_LINES = 500;
    /** A DHIS2 identifier or code: letters, digits, "_", "-", at most 50 characters. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,49}");

    /** What the mapping page sends: the lines typed, blank ones left out. */
    public record Draft(@Nullable String name, @Nullable String organisationUnit, List<Dhis2Mapping.Line> lines) {
    }

    private final EvaluationService evaluations;
    private final FrameworkService framework;
    private final DisaggregationService disaggregations;
    private final AccessPolicy access;
    private final Dhis2MappingRepository repository;

    Dhis2Mappings(EvaluationService evaluations, FrameworkService framework, DisaggregationService disaggregations,
            AccessPolicy access, Dhis2MappingRepository repository) {
        this.evaluations = evaluations;
        this.framework = framework;
        this.disaggregations = disaggregations;
        this.access = access;
        this.repository = repository;
    }

    /** The mappings of the evaluation's structure. */
    @Transactional(readOnly = true)
    public List<Dhis2Mapping> mappings(long evaluationId) {
        return repository.mappings(editable(evaluationId).structureId());
    }

    @Transactional(readOnly = true)
    public Dhis2Mapping mapping(long evaluationId, long mappingId) {
        return repository.mapping(editable(evaluationId).structureId(), mappingId)
                .orElseThrow(() -> new NotFoundException("import.dhis2.mapping.notFound", mappingId));
    }

    @Transactional
    public long create(long evaluationId, Draft draft) {
        Evaluation evaluation = editable(evaluationId);
        Checked checked = check(evaluation, draft, null);
        long id = repository.insert(evaluation.structureId(), checked.name(), checked.organisationUnit());
        repository.replaceLines(evaluation.structureId(), id, checked.lines());
        return id;
    }

    @Transactional
    public void update(long evaluationId, long mappingId, Draft draft, int version) {
        Evaluation evaluation = editable(evaluationId);
        mapping(evaluationId, mappingId);
        Checked checked = check(evaluation, draft, mappingId);
        if (!repository.update(evaluation.structureId(), mappingId, checked.name(), checked.organisationUnit(),
                version)) {
            throw new RuleViolationException("name", "import.dhis2.mapping.stale");
        }
        repository.replaceLines(evaluation.structureId(), mappingId, checked.lines());
    }

    @Transactional
    public void delete(long evaluationId, long mappingId) {
        Evaluation evaluation = editable(evaluationId);
        if (!repository.delete(evaluation.structureId(), mappingId)) {
            throw new NotFoundException("import.dhis2.mapping.notFound", mappingId);
        }
    }

    private record Checked(String name, @Nullable String organisationUnit, List<Dhis2Mapping.Line> lines) {
    }

    private Checked check(Evaluation evaluation, Draft draft, @Nullable Long mappingId) {
        List<Violation> violations = new ArrayList<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 200 || Texts.hasControlCharacters(name)) {
            violations.add(new Violation("name", "import.dhis2.mapping.name"));
        }
        else if (repository.nameTaken(evaluation.structureId(), name, mappingId)) {
            violations.add(new Violation("name", "import.dhis2.mapping.nameTaken"));
        }
        String unit = draft.organisationUnit() == null || draft.organisationUnit().isBlank() ? null
                : draft.organisationUnit().strip();
        if (unit != null && !IDENTIFIER.matcher(unit).matches()) {
            violations.add(new Violation("organisationUnit", "import.dhis2.mapping.identifier", unit));
        }
        if (draft.lines().size() > MAX_LINES) {
            violations.add(new Violation("lines", "import.dhis2.mapping.tooMany", MAX_LINES));
        }
        Map<String, Indicator> indicators = framework.indicators(evaluation.id()).stream()
                .collect(Collectors.toMap(Indicator::code, Function.identity()));
        Map<Long, Disaggregation> byId = disaggregations.disaggregations(evaluation.id()).stream()
                .collect(Collectors.toMap(Disaggregation::id, Function.identity()));
        List<Dhis2Mapping.Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < draft.lines().size() && i < MAX_LINES; i++) {
            Dhis2Mapping.Line line = draft.lines().get(i);
            String element = strip(line.dataElement());
            String combo = strip(line.categoryOptionCombo());
            String code = strip(line.indicatorCode());
            String category = strip(line.category());
            String field = "lines[" + i + "]";
            int number = i + 1;
            if (!IDENTIFIER.matcher(element).matches()) {
                violations.add(new Violation(field, "import.dhis2.mapping.elementMissing", number));
                continue;
            }
            if (!combo.isEmpty() && !IDENTIFIER.matcher(combo).matches()) {
                violations.add(new Violation(field, "import.dhis2.mapping.identifier", combo));
                continue;
            }
            if (!seen.add(element + "|" + combo)) {
                violations.add(new Violation(field, "import.dhis2.mapping.twice", number, element));
                continue;
            }
            Indicator indicator = indicators.get(code);
            if (indicator == null || indicator.computedByFormula()) {
                violations.add(new Violation(field, "import.dhis2.mapping.indicator", number, code));
                continue;
            }
            Disaggregation disaggregation = indicator.disaggregationId() == null ? null
                    : byId.get(indicator.disaggregationId());
            if (!category.isEmpty() && (disaggregation == null || !disaggregation.categories().contains(category))) {
                violations.add(new Violation(field, "import.dhis2.mapping.category", number, category,
                        indicator.name()));
                continue;
            }
            lines.add(new Dhis2Mapping.Line(element, combo, code, category));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return new Checked(name, unit, lines);
    }

    private static String strip(@Nullable String text) {
        return text == null ? "" : text.strip();
    }

    private Evaluation editable(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        return evaluation;
    }
}
