package fr.maillon.framework;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.internal.DisaggregationRepository;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.Dates;
import fr.maillon.web.Revisions;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.web.Texts;

/**
 * How values are broken down and over which periods: Maillon's disaggregations and the structure's
 * own (its quartiers, its publics...), and the custom periods of an evaluation (a school year, a
 * survey wave). Read with the evaluation; changed by its editors.
 */
@Service
public class DisaggregationService {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final EvaluationService evaluations;
    private final AccessPolicy access;
    private final DisaggregationRepository repository;
    private final Revisions revisions;

    DisaggregationService(EvaluationService evaluations, AccessPolicy access, DisaggregationRepository repository,
            Revisions revisions) {
        this.revisions = revisions;
        this.evaluations = evaluations;
        this.access = access;
        this.repository = repository;
    }

    /** Maillon's disaggregations, then those of the evaluation's structure. */
    public List<Disaggregation> disaggregations(long evaluationId) {
        return repository.disaggregations(evaluations.evaluation(evaluationId).structureId());
    }

    @Transactional
    public long addDisaggregation(long evaluationId, @Nullable String name, @Nullable List<String> categories) {
        Evaluation evaluation = editable(evaluationId);
        String checkedName = name(name);
        List<String> checked = categories(categories);
        String slug = Texts.slug(checkedName, 34);
        String base = slug.isEmpty() || !Character.isLetter(slug.charAt(0)) ? "d_" + slug : slug;
        List<Disaggregation> existing = repository.disaggregations(evaluation.structureId());
        String code = base;
        for (int suffix = 2; taken(existing, code); suffix++) {
            code = base + "_" + suffix;
        }
        return repository.insert(evaluation.structureId(), code, checkedName, checked);
    }

    /** Renames a disaggregation of the structure or changes its categories, keeping those with values. */
    @Transactional
    public void updateDisaggregation(long evaluationId, long id, @Nullable String name,
            @Nullable List<String> categories) {
        updateDisaggregation(evaluationId, id, name, categories, null);
    }

    /**
     * Saves the disaggregation over {@code version}, the one its editor read: a
     * {@link ConcurrentEditException} when someone saved it meanwhile ({@code null}: not checked).
     */
    @Transactional
    public void updateDisaggregation(long evaluationId, long id, @Nullable String name,
            @Nullable List<String> categories, @Nullable Integer version) {
        Evaluation evaluation = editable(evaluationId);
        own(evaluation.structureId(), id);
        String checkedName = name(name);
        List<String> checked = categories(categories);
        List<String> lost = repository.categoriesInUse(evaluation.structureId(), id).stream()
                .filter(category -> !checked.contains(category)).toList();
        if (!lost.isEmpty()) {
            throw new RuleViolationException("categories", "framework.disaggregation.categoryInUse",
                    String.join(", ", lost));
        }
        long structureId = evaluation.structureId();
        if (!repository.update(structureId, id, checkedName, checked, revisions.edit(version, access.currentUserId()))) {
            throw revisions.conflict("disaggregation", structureId, id, () -> repository.disaggregations(structureId)
                    .stream().filter(stored -> stored.id() == id).findFirst()
                    .orElseThrow(() -> new FrameworkItemNotFoundException(id)));
        }
    }

    @Transactional
    public void deleteDisaggregation(long evaluationId, long id) {
        Evaluation evaluation = editable(evaluationId);
        own(evaluation.structureId(), id);
        if (repository.indicatorsUsing(evaluation.structureId(), id) > 0) {
            throw new RuleViolationException("", "framework.disaggregation.inUse");
        }
        repository.delete(evaluation.structureId(), id);
    }

    // --- custom periods -----------------------------------------------------------------------

    public List<CustomPeriod> customPeriods(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        return repository.customPeriods(evaluation.structureId(), evaluationId);
    }

    /** Adds a named period inside the evaluation's dates; the same dates twice are refused. */
    @Transactional
    public long addCustomPeriod(long evaluationId, @Nullable String label, @Nullable LocalDate start,
            @Nullable LocalDate end) {
        Evaluation evaluation = editable(evaluationId);
        List<Violation> violations = new ArrayList<>();
        String text = label == null ? "" : label.strip();
        if (text.isEmpty() || text.length() > 100 || !singleLine(text)) {
            violations.add(new Violation("label", "framework.period.label.invalid"));
        }
        if (start == null || !Dates.isPlausible(start)) {
            violations.add(new Violation("start", "framework.period.date"));
        }
        if (end == null || !Dates.isPlausible(end)) {
            violations.add(new Violation("end", "framework.period.date"));
        }
        else if (start != null && end.isBefore(start)) {
            violations.add(new Violation("end", "framework.period.order"));
        }
        else if (start != null && !Period.custom(start, end).within(evaluation.periodStart(), evaluation.periodEnd())) {
            violations.add(new Violation("end", "framework.period.outside", evaluation.periodStart().format(DAY),
                    evaluation.periodEnd().format(DAY)));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return repository.insertPeriod(evaluation.structureId(), evaluationId, text, start, end)
                .orElseThrow(() -> new RuleViolationException("start", "framework.period.taken"));
    }

    /** Removes a custom period; values recorded for it stay, and show again if it is added back. */
    @Transactional
    public void deleteCustomPeriod(long evaluationId, long id) {
        Evaluation evaluation = editable(evaluationId);
        if (!repository.deletePeriod(evaluation.structureId(), evaluationId, id)) {
            throw new FrameworkItemNotFoundException(id);
        }
    }

    // --- rules --------------------------------------------------------------------------------

    private Evaluation editable(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        return evaluation;
    }

    private void own(long structureId, long id) {
        if (repository.disaggregations(structureId).stream()
                .noneMatch(candidate -> candidate.id() == id && !candidate.shipped())) {
            throw new FrameworkItemNotFoundException(id);
        }
    }

    private static boolean taken(List<Disaggregation> existing, String code) {
        return existing.stream().anyMatch(other -> other.code().equals(code));
    }

    private static String name(@Nullable String name) {
        String text = name == null ? "" : name.strip();
        if (text.isEmpty() || text.length() > 100 || !singleLine(text)) {
            throw new RuleViolationException("name", "framework.disaggregation.name.invalid");
        }
        return text;
    }

    /** A label on one line: no control character, no line break or tab. */
    private static boolean singleLine(String text) {
        return !Texts.hasControlCharacters(text) && text.chars().noneMatch(c -> c == '\n' || c == '\r' || c == '\t');
    }

    private static List<String> categories(@Nullable List<String> categories) {
        List<String> cleaned = new ArrayList<>(new LinkedHashSet<>(categories == null ? List.of()
                : categories.stream().filter(Objects::nonNull).map(String::strip)
                        .filter(category -> !category.isEmpty()).toList()));
        if (cleaned.size() < 2 || cleaned.size() > 30 || cleaned.stream().anyMatch(category -> category.length() > 100
                || !singleLine(category))) {
            throw new RuleViolationException("categories", "framework.disaggregation.categories.invalid");
        }
        return cleaned;
    }
}
