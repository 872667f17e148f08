package fr.maillon.framework;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.Evaluation;
import fr.maillon.chain.ValueChain;
import fr.maillon.framework.internal.ObjectiveRepository;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.Revisions;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.web.Texts;

/**
 * The cadre d'évaluation's words: transformation objectives for each target, linked to the effects
 * they aim at; evaluative questions under a criterion, linked to the objectives they question; and
 * the criteria, the six defaults or the structure's own.
 */
@Service
public class ObjectiveService {

    private final ChainService chains;
    private final AccessPolicy access;
    private final ObjectiveRepository objectives;
    private final Revisions revisions;
    private final FrameworkService framework;

    ObjectiveService(ChainService chains, AccessPolicy access, ObjectiveRepository objectives, Revisions revisions,
            FrameworkService framework) {
        this.framework = framework;
        this.chains = chains;
        this.access = access;
        this.objectives = objectives;
        this.revisions = revisions;
    }

    public FrameworkOverview overview(long evaluationId) {
        Evaluation evaluation = chains.chain(evaluationId).evaluation();
        return new FrameworkOverview(objectives.criteria(evaluation.structureId()),
                objectives.objectives(evaluation.structureId(), evaluationId),
                objectives.questions(evaluation.structureId(), evaluationId),
                objectives.indicatorLinks(evaluation.structureId(), evaluationId));
    }

    /** Sets the questions an indicator answers and the chain elements it is attached to. */
    @Transactional
    public void linkIndicator(long evaluationId, IndicatorLinks links) {
        linkIndicator(evaluationId, links, null);
    }

    /**
     * Sets an indicator's links over {@code version}, the indicator's version its editor read (the
     * links are part of the indicator, and setting them raises its version): a
     * {@link ConcurrentEditException} carrying the stored {@link IndicatorLinks} when someone saved
     * the indicator meanwhile ({@code null}: not checked).
     */
    @Transactional
    public void linkIndicator(long evaluationId, IndicatorLinks links, @Nullable Integer version) {
        ValueChain chain = editable(evaluationId);
        long structureId = chain.evaluation().structureId();
        if (objectives.indicatorLinks(structureId, evaluationId).stream()
                .noneMatch(existing -> existing.indicatorId() == links.indicatorId())) {
            throw new IndicatorNotFoundException(links.indicatorId());
        }
        List<Violation> violations = new ArrayList<>();
        Set<Long> questions = objectives.questions(structureId, evaluationId).stream().map(EvaluativeQuestion::id)
                .collect(Collectors.toSet());
        if (!questions.containsAll(links.questionIds())) {
            violations.add(new Violation("questionIds", "framework.indicator.questions.invalid"));
        }
        Set<Long> elements = chain.elements().stream().map(ChainElement::id).collect(Collectors.toSet());
        if (!elements.containsAll(links.elementIds())) {
            violations.add(new Violation("elementIds", "framework.indicator.elements.invalid"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        if (!objectives.touchIndicator(structureId, evaluationId, links.indicatorId(),
                revisions.edit(version, access.currentUserId()))) {
            throw revisions.conflict("indicator", structureId, links.indicatorId(),
                    () -> objectives.indicatorLinks(structureId, evaluationId).stream()
                            .filter(existing -> existing.indicatorId() == links.indicatorId()).findFirst()
                            .orElseThrow(() -> new IndicatorNotFoundException(links.indicatorId())));
        }
        objectives.replaceIndicatorLinks(structureId, evaluationId, new IndicatorLinks(links.indicatorId(),
                new ArrayList<>(new LinkedHashSet<>(links.questionIds())),
                new ArrayList<>(new LinkedHashSet<>(links.elementIds()))));
    }

    /**
     * Saves the indicator over {@code version} (see {@link FrameworkService#updateIndicator}) and its
     * links, together or not at all: the indicator's page sends both from one form, so that ticking
     * links and saving the indicator never drops one or the other.
     */
    @Transactional
    public void updateIndicator(long evaluationId, IndicatorDraft draft, @Nullable Integer version,
            IndicatorLinks links) {
        framework.updateIndicator(evaluationId, links.indicatorId(), draft, version);
        linkIndicator(evaluationId, links, null);
    }

    @Transactional
    public long addObjective(long evaluationId, ObjectiveDraft draft) {
        ValueChain chain = editable(evaluationId);
        ObjectiveDraft clean = validate(chain, draft);
        long structureId = chain.evaluation().structureId();
        long id = objectives.insertObjective(structureId, evaluationId, clean.target(), clean.title(),
                clean.description());
        objectives.replaceEffects(structureId, evaluationId, id, clean.effectIds());
        return id;
    }

    @Transactional
    public void updateObjective(long evaluationId, long objectiveId, ObjectiveDraft draft) {
        updateObjective(evaluationId, objectiveId, draft, null);
    }

    /**
     * Saves the objective over {@code version}, the one its editor read: a {@link ConcurrentEditException}
     * when someone saved it meanwhile ({@code null}: not checked).
     */
    @Transactional
    public void updateObjective(long evaluationId, long objectiveId, ObjectiveDraft draft, @Nullable Integer version) {
        ValueChain chain = editable(evaluationId);
        ObjectiveDraft clean = validate(chain, draft);
        long structureId = chain.evaluation().structureId();
        if (!objectives.updateObjective(structureId, evaluationId, objectiveId, clean.target(), clean.title(),
                clean.description(), revisions.edit(version, access.currentUserId()))) {
            throw revisions.conflict("objective", structureId, objectiveId, () -> objectives
                    .objectives(structureId, evaluationId).stream().filter(stored -> stored.id() == objectiveId)
                    .findFirst().orElseThrow(() -> new FrameworkItemNotFoundException(objectiveId)));
        }
        objectives.replaceEffects(structureId, evaluationId, objectiveId, clean.effectIds());
    }

    @Transactional
    public void deleteObjective(long evaluationId, long objectiveId) {
        ValueChain chain = editable(evaluationId);
        if (!objectives.deleteObjective(chain.evaluation().structureId(), evaluationId, objectiveId)) {
            throw new FrameworkItemNotFoundException(objectiveId);
        }
    }

    @Transactional
    public long addQuestion(long evaluationId, QuestionDraft draft) {
        ValueChain chain = editable(evaluationId);
        QuestionDraft clean = validate(chain, draft);
        long structureId = chain.evaluation().structureId();
        long id = objectives.insertQuestion(structureId, evaluationId, clean.criterionId(), clean.text());
        objectives.replaceObjectives(structureId, evaluationId, id, clean.objectiveIds());
        return id;
    }

    @Transactional
    public void updateQuestion(long evaluationId, long questionId, QuestionDraft draft) {
        updateQuestion(evaluationId, questionId, draft, null);
    }

    /**
     * Saves the question over {@code version}, the one its editor read: a {@link ConcurrentEditException}
     * when someone saved it meanwhile ({@code null}: not checked).
     */
    @Transactional
    public void updateQuestion(long evaluationId, long questionId, QuestionDraft draft, @Nullable Integer version) {
        ValueChain chain = editable(evaluationId);
        QuestionDraft clean = validate(chain, draft);
        long structureId = chain.evaluation().structureId();
        if (!objectives.updateQuestion(structureId, evaluationId, questionId, clean.criterionId(), clean.text(),
                revisions.edit(version, access.currentUserId()))) {
            throw revisions.conflict("evaluative_question", structureId, questionId, () -> objectives
                    .questions(structureId, evaluationId).stream().filter(stored -> stored.id() == questionId)
                    .findFirst().orElseThrow(() -> new FrameworkItemNotFoundException(questionId)));
        }
        objectives.replaceObjectives(structureId, evaluationId, questionId, clean.objectiveIds());
    }

    @Transactional
    public void deleteQuestion(long evaluationId, long questionId) {
        ValueChain chain = editable(evaluationId);
        if (!objectives.deleteQuestion(chain.evaluation().structureId(), evaluationId, questionId)) {
            throw new FrameworkItemNotFoundException(questionId);
        }
    }

    /** Adds a criterion of the structure's own, offered in all its evaluations. */
    @Transactional
    public long addCriterion(long evaluationId, @Nullable String label) {
        ValueChain chain = editable(evaluationId);
        long structureId = chain.evaluation().structureId();
        String clean = label == null ? "" : label.strip();
        String code = Texts.slug(clean, 40);
        if (clean.isEmpty() || clean.length() > 120 || Texts.hasControlCharacters(clean) || code.isEmpty()) {
            throw new RuleViolationException("label", "framework.criterion.label.invalid");
        }
        if (objectives.criteria(structureId).stream().anyMatch(criterion -> criterion.code().equals(code))) {
            throw new RuleViolationException("label", "framework.criterion.label.taken");
        }
        return objectives.insertCriterion(structureId, code, clean);
    }

    private ValueChain editable(long evaluationId) {
        ValueChain chain = chains.chain(evaluationId);
        access.requireStructureRole(chain.evaluation().structureId(), Role.STRUCTURE_EDITOR);
        return chain;
    }

    private static ObjectiveDraft validate(ValueChain chain, ObjectiveDraft draft) {
        List<Violation> violations = new ArrayList<>();
        if (draft.target() == null) {
            violations.add(new Violation("target", "chain.element.target.required"));
        }
        String title = text(draft.title(), 300, "title", violations);
        if (title == null) {
            violations.add(new Violation("title", "framework.objective.title.required"));
        }
        String description = text(draft.description(), 4000, "description", violations);
        Set<Long> effects = new LinkedHashSet<>(draft.effectIds() == null ? List.of() : draft.effectIds());
        Set<Long> known = chain.elements(ElementKind.EFFECT).stream().map(ChainElement::id).collect(Collectors.toSet());
        if (!known.containsAll(effects)) {
            violations.add(new Violation("effectIds", "framework.objective.effects.invalid"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return new ObjectiveDraft(draft.target(), title, description, List.copyOf(effects));
    }

    private QuestionDraft validate(ValueChain chain, QuestionDraft draft) {
        List<Violation> violations = new ArrayList<>();
        long structureId = chain.evaluation().structureId();
        if (draft.criterionId() == null || objectives.criteria(structureId).stream()
                .noneMatch(criterion -> criterion.id() == draft.criterionId())) {
            violations.add(new Violation("criterionId", "framework.question.criterion.required"));
        }
        String text = text(draft.text(), 1000, "text", violations);
        if (text == null) {
            violations.add(new Violation("text", "framework.question.text.required"));
        }
        Set<Long> linked = new LinkedHashSet<>(draft.objectiveIds() == null ? List.of() : draft.objectiveIds());
        Set<Long> known = objectives.objectives(structureId, chain.evaluation().id()).stream().map(Objective::id)
                .collect(Collectors.toSet());
        if (!known.containsAll(linked)) {
            violations.add(new Violation("objectiveIds", "framework.question.objectives.invalid"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return new QuestionDraft(draft.criterionId(), text, List.copyOf(linked));
    }

    private static @Nullable String text(@Nullable String text, int max, String field, List<Violation> violations) {
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
