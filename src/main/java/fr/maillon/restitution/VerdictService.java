package fr.maillon.restitution;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.evidence.Evidence;
import fr.maillon.evidence.EvidenceService;
import fr.maillon.framework.Criterion;
import fr.maillon.framework.EvaluativeQuestion;
import fr.maillon.framework.FrameworkOverview;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.restitution.internal.ContributionRepository;
import fr.maillon.restitution.internal.VerdictRepository;
import fr.maillon.restitution.internal.VerdictRepository.Cited;
import fr.maillon.restitution.internal.VerdictRepository.NewCited;
import fr.maillon.survey.Question;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyService;
import fr.maillon.survey.Wave;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.Revision;
import fr.maillon.web.Revisions;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.web.Texts;

/**
 * The verdicts of an evaluation's questions (jugements évaluatifs): for each evaluative question,
 * whether its objective is reached, an argued text, and the evidence behind it, chosen among what
 * the evaluation holds. Whoever reads the evaluation reads them; its structure's editors write them.
 */
@Service
public class VerdictService {

    /** The longest argued text. */
    public static final int MAX_ARGUMENT = 8000;
    /** The most evidence one verdict cites. */
    public static final int MAX_EVIDENCE = 50;

    /** What a verdict says in plain words, for the inhabitants: one or two short sentences. */
    public static final int MAX_PLAIN_MESSAGE = 300;

    private final EvaluationService evaluations;
    private final ChainService chains;
    private final ObjectiveService objectives;
    private final FrameworkService framework;
    private final SurveyService surveys;
    private final EvidenceService evidence;
    private final AccessPolicy access;
    private final VerdictRepository repository;
    private final ContributionRepository contributions;
    private final Revisions revisions;

    VerdictService(EvaluationService evaluations, ChainService chains, ObjectiveService objectives,
            FrameworkService framework, SurveyService surveys, EvidenceService evidence, AccessPolicy access,
            VerdictRepository repository, ContributionRepository contributions, Revisions revisions) {
        this.evaluations = evaluations;
        this.chains = chains;
        this.objectives = objectives;
        this.framework = framework;
        this.surveys = surveys;
        this.evidence = evidence;
        this.access = access;
        this.repository = repository;
        this.contributions = contributions;
        this.revisions = revisions;
    }

    /**
     * Every evaluative question of the evaluation, in the framework's order, with its verdict if
     * written and the evidence it cites resolved for display. 404 for those who may not read the
     * evaluation.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<QuestionVerdict> verdicts(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        FrameworkOverview overview = objectives.overview(evaluationId);
        List<VerdictRepository.Row> rows = repository.verdicts(evaluation.structureId(), evaluationId);
        List<Cited> cited = repository.cited(evaluation.structureId(), evaluationId);
        return questionVerdicts(evaluation, overview, overview.questions(), rows, cited);
    }

    /** One question with its verdict, if written; 404 when the question is not one of the evaluation's. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public QuestionVerdict verdict(long evaluationId, long questionId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        FrameworkOverview overview = objectives.overview(evaluationId);
        EvaluativeQuestion question = question(overview, questionId);
        List<VerdictRepository.Row> rows = repository.verdict(evaluation.structureId(), evaluationId, questionId)
                .stream().toList();
        List<Cited> cited = repository.cited(evaluation.structureId(), evaluationId, questionId);
        return questionVerdicts(evaluation, overview, List.of(question), rows, cited).get(0);
    }

    /**
     * What a verdict of this evaluation may cite, kind by kind: its indicators, its surveys'
     * questions (for every wave, then for each wave), the testimonies whose people agreed to their
     * use, and the contribution analyses written.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<CitedEvidence> choices(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        Catalogue catalogue = catalogue(evaluation, EnumSet.allOf(VerdictEvidenceKind.class));
        return catalogue.items.values().stream().filter(item -> item.kind() != VerdictEvidenceKind.TESTIMONY
                || catalogue.consented.contains(item.id())).toList();
    }

    /**
     * The form of a question's verdict: the question and its verdict, the evidence it may cite, and
     * the indicators linked to the question. For the structure's editors (403 for readers); 404 when
     * the question is not the evaluation's.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public VerdictEditing editing(long evaluationId, long questionId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        FrameworkOverview overview = objectives.overview(evaluationId);
        QuestionVerdict verdict = verdict(evaluationId, questionId);
        return new VerdictEditing(verdict, choices(evaluationId), Set.copyOf(overview.indicatorsAnswering(questionId)));
    }

    /** Writes a question's verdict, whatever was saved before (imports, demo data). */
    @Transactional
    public void save(long evaluationId, long questionId, VerdictDraft draft) {
        save(evaluationId, questionId, draft, null);
    }

    /**
     * Writes a question's verdict over {@code version}, the one its author read (0: none written
     * yet; {@code null}: not checked). Refused whole, with a {@link RuleViolationException} naming
     * each problem ({@code verdict}, {@code argument}, {@code evidence[i]}), when the scale is
     * missing, the text empty or too long, or a piece of evidence is not the evaluation's, cited
     * twice, or a testimony without consent; a {@link ConcurrentEditException} carrying the stored
     * {@link VerdictDraft} when someone saved it meanwhile; 404 when the question is not the
     * evaluation's (or was deleted).
     */
    @Transactional
    public void save(long evaluationId, long questionId, VerdictDraft draft, @Nullable Integer version) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        long structureId = evaluation.structureId();
        access.requireStructureRole(structureId, Role.STRUCTURE_EDITOR);
        question(objectives.overview(evaluationId), questionId);
        List<Violation> violations = new ArrayList<>();
        if (draft.verdict() == null) {
            violations.add(new Violation("verdict", "restitution.verdict.verdict.required"));
        }
        String argument = draft.argument() == null ? "" : draft.argument().replace("\r\n", "\n").strip();
        if (argument.isEmpty()) {
            violations.add(new Violation("argument", "restitution.verdict.argument.required"));
        }
        else if (argument.length() > MAX_ARGUMENT || Texts.hasControlCharacters(argument)) {
            violations.add(new Violation("argument", "restitution.verdict.argument.tooLong", MAX_ARGUMENT));
        }
        String plain = draft.plainMessage() == null ? "" : draft.plainMessage().replaceAll("\\s+", " ").strip();
        if (plain.length() > MAX_PLAIN_MESSAGE || Texts.hasControlCharacters(plain)) {
            violations.add(new Violation("plainMessage", "restitution.verdict.plainMessage.tooLong",
                    MAX_PLAIN_MESSAGE));
        }
        List<NewCited> cited = evidence(evaluation, draft.evidence() == null ? List.of() : draft.evidence(),
                violations);
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        Optional<Long> saved = repository.save(structureId, evaluationId, questionId, draft.verdict(), argument,
                plain.isEmpty() ? null : plain, revisions.edit(version, access.currentUserId()));
        if (saved.isEmpty()) {
            throw conflict(evaluation, questionId);
        }
        repository.replaceEvidence(structureId, evaluationId, saved.get(), cited);
    }

    // --- evidence -----------------------------------------------------------------------------

    /** The references checked against what the evaluation holds; each problem named by its place. */
    private List<NewCited> evidence(Evaluation evaluation, List<VerdictEvidence> references,
            List<Violation> violations) {
        if (references.size() > MAX_EVIDENCE) {
            violations.add(new Violation("evidence", "restitution.verdict.evidence.tooMany", MAX_EVIDENCE));
            return List.of();
        }
        Set<VerdictEvidenceKind> kinds = EnumSet.noneOf(VerdictEvidenceKind.class);
        references.stream().filter(reference -> reference != null && reference.kind() != null)
                .forEach(reference -> kinds.add(reference.kind()));
        Catalogue catalogue = catalogue(evaluation, kinds);
        List<NewCited> cited = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < references.size(); i++) {
            VerdictEvidence reference = references.get(i);
            String field = "evidence[" + i + "]";
            if (reference == null || reference.kind() == null) {
                violations.add(new Violation(field + ".kind", "restitution.verdict.evidence.kind"));
                continue;
            }
            if (reference.id() == null) {
                violations.add(new Violation(field + ".id", "restitution.verdict.evidence.id"));
                continue;
            }
            Object kind = new DefaultMessageSourceResolvable("restitution.verdict.kind." + reference.kind());
            if (reference.waveId() != null && reference.kind() != VerdictEvidenceKind.SURVEY_QUESTION) {
                violations.add(new Violation(field + ".waveId", "restitution.verdict.evidence.waveOnlyForSurvey"));
                continue;
            }
            String key = reference.token();
            if (!catalogue.items.containsKey(key)) {
                violations.add(new Violation(field, reference.waveId() != null && catalogue.items.containsKey(
                        new VerdictEvidence(reference.kind(), reference.id(), null).token())
                                ? "restitution.verdict.evidence.wave" : "restitution.verdict.evidence.foreign",
                        kind, reference.id()));
                continue;
            }
            if (reference.kind() == VerdictEvidenceKind.TESTIMONY && !catalogue.consented.contains(reference.id())) {
                violations.add(new Violation(field, "restitution.verdict.evidence.noConsent",
                        catalogue.items.get(key).label()));
                continue;
            }
            if (!seen.add(key)) {
                violations.add(new Violation(field, "restitution.verdict.evidence.duplicate",
                        catalogue.items.get(key).label()));
                continue;
            }
            cited.add(new NewCited(reference, reference.kind() == VerdictEvidenceKind.SURVEY_QUESTION
                    ? catalogue.surveyOfQuestion.get(reference.id()) : null));
        }
        return cited;
    }

    /**
     * What the evaluation holds that a verdict may cite, for the kinds asked, by form token; the
     * testimonies whose people agreed; the survey of each survey question.
     */
    private record Catalogue(Map<String, CitedEvidence> items, Set<Long> consented, Map<Long, Long> surveyOfQuestion) {
    }

    private Catalogue catalogue(Evaluation evaluation, Set<VerdictEvidenceKind> kinds) {
        long evaluationId = evaluation.id();
        Map<String, CitedEvidence> items = new LinkedHashMap<>();
        Set<Long> consented = new HashSet<>();
        Map<Long, Long> surveyOfQuestion = new HashMap<>();
        if (kinds.contains(VerdictEvidenceKind.INDICATOR)) {
            for (Indicator indicator : framework.indicators(evaluationId)) {
                put(items, new CitedEvidence(VerdictEvidenceKind.INDICATOR, indicator.id(), null, indicator.name(),
                        indicator.code(), null, null));
            }
        }
        if (kinds.contains(VerdictEvidenceKind.SURVEY_QUESTION)) {
            for (Survey survey : surveys.surveys(evaluationId)) {
                for (Question question : survey.questions()) {
                    surveyOfQuestion.put(question.id(), survey.id());
                    put(items, new CitedEvidence(VerdictEvidenceKind.SURVEY_QUESTION, question.id(), null,
                            question.label(), question.code(), survey.title(), null));
                    for (Wave wave : survey.waves()) {
                        put(items, new CitedEvidence(VerdictEvidenceKind.SURVEY_QUESTION, question.id(), wave.id(),
                                question.label(), question.code(), survey.title(), wave.label()));
                    }
                }
            }
        }
        if (kinds.contains(VerdictEvidenceKind.TESTIMONY)) {
            for (Evidence item : evidence.evidence(evaluationId)) {
                put(items, new CitedEvidence(VerdictEvidenceKind.TESTIMONY, item.id(), null, item.title(), null, null,
                        null));
                if (item.consent()) {
                    consented.add(item.id());
                }
            }
        }
        if (kinds.contains(VerdictEvidenceKind.CONTRIBUTION)) {
            Map<Long, ChainElement> elements = chains.chain(evaluationId).elements().stream()
                    .collect(Collectors.toMap(ChainElement::id, Function.identity()));
            for (ContributionRepository.Row row : contributions.contributions(evaluation.structureId(), evaluationId)) {
                ChainElement effect = elements.get(row.effectId());
                if (effect != null) {
                    put(items, new CitedEvidence(VerdictEvidenceKind.CONTRIBUTION, effect.id(), null, effect.name(),
                            null, null, null));
                }
            }
        }
        return new Catalogue(items, consented, surveyOfQuestion);
    }

    private static void put(Map<String, CitedEvidence> items, CitedEvidence item) {
        items.put(item.token(), item);
    }

    // --- reading ------------------------------------------------------------------------------

    private List<QuestionVerdict> questionVerdicts(Evaluation evaluation, FrameworkOverview overview,
            List<EvaluativeQuestion> questions, List<VerdictRepository.Row> rows, List<Cited> cited) {
        Map<Long, Criterion> criteria = overview.criteria().stream()
                .collect(Collectors.toMap(Criterion::id, Function.identity()));
        Map<Long, VerdictRepository.Row> byQuestion = rows.stream()
                .collect(Collectors.toMap(VerdictRepository.Row::questionId, Function.identity()));
        Set<VerdictEvidenceKind> kinds = EnumSet.noneOf(VerdictEvidenceKind.class);
        cited.forEach(item -> kinds.add(item.evidence().kind()));
        Catalogue catalogue = catalogue(evaluation, kinds);
        Map<Long, List<CitedEvidence>> evidenceByQuestion = new HashMap<>();
        for (Cited item : cited) {
            CitedEvidence resolved = catalogue.items.get(item.evidence().token());
            // a testimony is shown only with its people's consent, even if it was cited before
            if (resolved != null && (item.evidence().kind() != VerdictEvidenceKind.TESTIMONY
                    || catalogue.consented.contains(resolved.id()))) {
                evidenceByQuestion.computeIfAbsent(item.questionId(), id -> new ArrayList<>()).add(resolved);
            }
        }
        List<QuestionVerdict> verdicts = new ArrayList<>();
        for (EvaluativeQuestion question : questions) {
            Criterion criterion = criteria.get(question.criterionId());
            VerdictRepository.Row row = byQuestion.get(question.id());
            Revision revision = row == null ? new Revision(0, null, null)
                    : revisions.revision(row.version(), row.updatedBy(), row.updatedAt());
            verdicts.add(new QuestionVerdict(question.id(), question.text(), question.criterionId(),
                    criterion == null ? "" : criterion.label(), row == null ? null : row.verdict(),
                    row == null ? null : row.argument(), evidenceByQuestion.getOrDefault(question.id(), List.of()),
                    revision.version(), revision.updatedBy(), revision.updatedAt(),
                    row == null ? null : row.plainMessage()));
        }
        return verdicts;
    }

    private static EvaluativeQuestion question(FrameworkOverview overview, long questionId) {
        return overview.questions().stream().filter(question -> question.id() == questionId).findFirst()
                .orElseThrow(() -> new NotFoundException("restitution.verdict.questionNotFound", questionId));
    }

    /** Someone saved the verdict meanwhile: who, when, and the verdict as now stored. */
    private ConcurrentEditException conflict(Evaluation evaluation, long questionId) {
        Optional<VerdictRepository.Row> stored = repository.verdict(evaluation.structureId(), evaluation.id(),
                questionId);
        Revision current = stored.map(row -> revisions.revision(row.version(), row.updatedBy(), row.updatedAt()))
                .orElse(new Revision(0, null, null));
        VerdictDraft draft = stored.map(row -> new VerdictDraft(row.verdict(), row.argument(),
                repository.cited(evaluation.structureId(), evaluation.id(), questionId).stream()
                        .map(Cited::evidence).toList(), row.plainMessage()))
                .orElse(new VerdictDraft(null, null, List.of()));
        return new ConcurrentEditException(current, draft);
    }
}
