package fr.maillon.restitution;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.FrameworkService;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Role;
import fr.maillon.restitution.internal.AnnotationRepository;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;

/**
 * Annotations: a member of a network (federation, CAF, département, programme) comments on a
 * report's finalised version, an indicator or a verdict of an evaluation a structure shared with
 * her organisation; the structure's editors answer. She reads her organisations' annotations and
 * their answers only; the structure's members read them all. What she may not read is not found.
 */
@Service
public class AnnotationService {

    /** The longest annotation or answer, in characters. */
    public static final int MAX_TEXT = 4000;
    /** How many annotations one person may write in a day, whatever the structure. */
    public static final int DAILY_LIMIT = 50;

    private final AccessPolicy access;
    private final OrganisationService organisations;
    private final EvaluationService evaluations;
    private final ReportService reports;
    private final FrameworkService frameworks;
    private final VerdictService verdicts;
    private final AnnotationRepository repository;
    private final Clock clock;

    AnnotationService(AccessPolicy access, OrganisationService organisations, EvaluationService evaluations,
            ReportService reports, FrameworkService frameworks, VerdictService verdicts,
            AnnotationRepository repository, Clock clock) {
        this.access = access;
        this.organisations = organisations;
        this.evaluations = evaluations;
        this.reports = reports;
        this.frameworks = frameworks;
        this.verdicts = verdicts;
        this.repository = repository;
        this.clock = clock;
    }

    /** The evaluation's annotations as the caller may read them (404 when she may not read the evaluation). */
    @Transactional(readOnly = true)
    public Annotations annotations(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        boolean member = access.isMember(evaluation.structureId());
        List<Long> networks = access.readingNetworks(evaluation.structureId(), evaluationId);
        List<Annotations.Choice> targets = targets(evaluationId);
        Map<String, String> names = new HashMap<>();
        targets.forEach(choice -> names.put(choice.key(), choice.name()));
        List<Annotation> annotations = repository.annotations(evaluation.structureId(), evaluationId,
                member ? null : networks).stream()
                .map(row -> new Annotation(row.id(), row.evaluationId(), row.organisationId(), row.organisationName(),
                        row.targetKind(), row.targetId(), names.getOrDefault(row.targetKind().name() + "-"
                                + row.targetId(), ""), row.text(), row.author(), row.createdAt(), row.answer(),
                        row.answeredBy(), row.answeredAt()))
                .toList();
        return new Annotations(evaluationId, evaluation.structureId(), evaluation.title(), annotations,
                networks.isEmpty() ? List.of() : targets, !networks.isEmpty(),
                member && access.hasStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR),
                authors(networks));
    }

    /** The annotations of one report the caller may read, for its review trail. */
    @Transactional(readOnly = true)
    public List<Annotation> onReport(long reportId) {
        Report report = reports.report(reportId);
        return annotations(report.evaluationId()).on(AnnotationTarget.REPORT, reportId);
    }

    /**
     * A network member's annotation, signed by {@code organisationId}: one of her organisations the
     * evaluation is shared with, which she must name when there are several (none: the only one).
     * Refused with the field to fix when the organisation, the target or the text is wrong, or after
     * {@value #DAILY_LIMIT} in a day. The structure's own members do not annotate (403).
     */
    @Transactional
    public long annotate(long evaluationId, @Nullable Long organisationId, @Nullable AnnotationTarget kind,
            @Nullable Long targetId, @Nullable String text) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        List<Long> networks = access.readingNetworks(evaluation.structureId(), evaluationId);
        if (networks.isEmpty()) {
            throw new AccessDeniedException("only the networks it is shared with annotate evaluation " + evaluationId);
        }
        List<RuleViolationException.Violation> violations = new ArrayList<>();
        Long author = organisationId == null && networks.size() == 1 ? networks.get(0) : organisationId;
        if (author == null) {
            violations.add(new RuleViolationException.Violation("organisationId",
                    "restitution.annotation.organisation.required"));
        }
        else if (!networks.contains(author)) {
            violations.add(new RuleViolationException.Violation("organisationId",
                    "restitution.annotation.organisation.invalid"));
        }
        if (kind == null || targetId == null || targets(evaluationId).stream()
                .noneMatch(choice -> choice.kind() == kind && choice.id() == targetId)) {
            violations.add(new RuleViolationException.Violation("targetId", "restitution.annotation.target.invalid"));
        }
        String clean = clean(text);
        if (clean == null) {
            violations.add(new RuleViolationException.Violation("text", "restitution.annotation.text.invalid",
                    MAX_TEXT));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        long userId = access.currentUserId();
        if (repository.writtenSince(userId, clock.instant().minus(Duration.ofDays(1))) >= DAILY_LIMIT) {
            throw new RuleViolationException("text", "restitution.annotation.tooMany", DAILY_LIMIT);
        }
        return repository.insert(evaluation.structureId(), evaluationId, author, kind, targetId, clean, userId,
                clock.instant());
    }

    /** The structure's answer (its editors and admins; 403 for its viewers and the networks, 404 for others). */
    @Transactional
    public void answer(long evaluationId, long annotationId, @Nullable String answer) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        String clean = clean(answer);
        if (clean == null) {
            throw new RuleViolationException("answer", "restitution.annotation.text.invalid", MAX_TEXT);
        }
        if (!repository.answer(evaluation.structureId(), evaluationId, annotationId, clean, access.currentUserId(),
                clock.instant())) {
            throw new NotFoundException("restitution.annotation.notFound", annotationId);
        }
    }

    /** The caller's networks an annotation may be signed by, with their names, in the order given. */
    private List<Annotations.Author> authors(List<Long> networks) {
        if (networks.isEmpty()) {
            return List.of();
        }
        Map<Long, String> names = new HashMap<>();
        organisations.myMemberships().forEach(membership -> names.put(membership.organisationId(),
                membership.organisationName()));
        return networks.stream().filter(names::containsKey).map(id -> new Annotations.Author(id, names.get(id)))
                .toList();
    }

    /** What may be commented on: the reports the caller reads, the indicators, the questions with a verdict. */
    private List<Annotations.Choice> targets(long evaluationId) {
        List<Annotations.Choice> choices = new ArrayList<>();
        reports.reports(evaluationId).forEach(report -> choices.add(new Annotations.Choice(AnnotationTarget.REPORT,
                report.id(), report.title())));
        frameworks.indicators(evaluationId).forEach(indicator -> choices.add(new Annotations.Choice(
                AnnotationTarget.INDICATOR, indicator.id(), indicator.name())));
        verdicts.verdicts(evaluationId).stream().filter(verdict -> verdict.verdict() != null)
                .forEach(verdict -> choices.add(new Annotations.Choice(AnnotationTarget.VERDICT, verdict.questionId(),
                        verdict.question())));
        return choices;
    }

    private static @Nullable String clean(@Nullable String text) {
        String clean = text == null ? "" : text.strip();
        return clean.isEmpty() || clean.length() > MAX_TEXT || Texts.hasControlCharacters(clean) ? null : clean;
    }
}
