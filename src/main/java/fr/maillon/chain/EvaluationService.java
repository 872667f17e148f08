package fr.maillon.chain;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.account.CurrentUser;
import fr.maillon.chain.internal.ChainCopyRepository;
import fr.maillon.chain.internal.EvaluationRepository;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Membership;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.Share;
import fr.maillon.organisation.Structure;
import fr.maillon.organisation.StructureKind;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.Dates;
import fr.maillon.web.Revisions;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;
import fr.maillon.web.RuleViolationException.Violation;

/** Evaluations: who may see which, creating and editing them, sharing them. */
@Service
public class EvaluationService {

    private final AccessPolicy access;
    private final OrganisationService organisations;
    private final EvaluationRepository evaluations;
    private final Revisions revisions;
    private final ChainCopyRepository copies;
    private final MessageSource messages;

    EvaluationService(AccessPolicy access, OrganisationService organisations, EvaluationRepository evaluations,
            Revisions revisions, ChainCopyRepository copies, MessageSource messages) {
        this.copies = copies;
        this.messages = messages;
        this.access = access;
        this.organisations = organisations;
        this.evaluations = evaluations;
        this.revisions = revisions;
    }

    /** An evaluation the caller may read; any other id, hers or not, is "not found". */
    public Evaluation evaluation(long evaluationId) {
        long structureId = evaluations.findStructureId(evaluationId)
                .orElseThrow(() -> new EvaluationNotFoundException(evaluationId));
        if (!access.canReadEvaluation(structureId, evaluationId)) {
            throw new EvaluationNotFoundException(evaluationId);
        }
        return evaluations.find(structureId, evaluationId)
                .orElseThrow(() -> new EvaluationNotFoundException(evaluationId));
    }

    /** An evaluation the caller may read, its targets named in the request's language. */
    public EvaluationPage page(long evaluationId) {
        Evaluation evaluation = evaluation(evaluationId);
        Structure structure = organisations.structure(evaluation.structureId());
        return new EvaluationPage(evaluation, structure,
                access.hasStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR),
                evaluations.illustrative(evaluation.structureId(), evaluationId),
                targetNames(evaluation, structure.kind(), LocaleContextHolder.getLocale()));
    }

    /** An evaluation that the caller may edit (403 when she only reads it). */
    public EvaluationPage editable(long evaluationId) {
        Evaluation evaluation = evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        Structure structure = organisations.structure(evaluation.structureId());
        return new EvaluationPage(evaluation, structure, true,
                evaluations.illustrative(evaluation.structureId(), evaluationId),
                targetNames(evaluation, structure.kind(), LocaleContextHolder.getLocale()));
    }

    // --- the names of the three targets -------------------------------------------------------

    /** The names of the three targets of an evaluation the caller may read, in {@code locale}. */
    public TargetNames targetNames(long evaluationId, Locale locale) {
        Evaluation evaluation = evaluation(evaluationId);
        return targetNames(evaluation, organisations.structure(evaluation.structureId()).kind(), locale);
    }

    /** The names of the evaluation's three targets in {@code locale}: those it was given, else its kind's. */
    public TargetNames targetNames(Evaluation evaluation, StructureKind kind, Locale locale) {
        return new TargetNames(targetName(evaluation.targetNameHabitants(), kind, EffectTarget.HABITANTS, locale),
                targetName(evaluation.targetNameTerritoire(), kind, EffectTarget.TERRITOIRE, locale),
                targetName(evaluation.targetNameCommunauteAction(), kind, EffectTarget.COMMUNAUTE_ACTION, locale));
    }

    /**
     * The names of an evaluation's three targets without checking the caller: for the anonymous participants of one
     * of its workshops, who read these names only. An unknown evaluation gives the default names of a centre social.
     */
    public TargetNames targetNamesUnchecked(long structureId, long evaluationId, Locale locale) {
        return evaluations.find(structureId, evaluationId)
                .map(evaluation -> targetNamesUnchecked(evaluation, locale))
                .orElseGet(() -> defaultTargetNames(structureKindUnchecked(structureId), locale));
    }

    /** The names of the targets of an evaluation already read, without checking the caller (a workshop's projector). */
    TargetNames targetNamesUnchecked(Evaluation evaluation, Locale locale) {
        return targetNames(evaluation, structureKindUnchecked(evaluation.structureId()), locale);
    }

    private StructureKind structureKindUnchecked(long structureId) {
        return evaluations.findStructureKind(structureId).map(StructureKind::valueOf).orElse(StructureKind.CENTRE_SOCIAL);
    }

    /** The default names of the three targets for a kind of structure, in {@code locale}. */
    public TargetNames defaultTargetNames(StructureKind kind, Locale locale) {
        return new TargetNames(targetName(null, kind, EffectTarget.HABITANTS, locale),
                targetName(null, kind, EffectTarget.TERRITOIRE, locale),
                targetName(null, kind, EffectTarget.COMMUNAUTE_ACTION, locale));
    }

    private String targetName(@Nullable String given, StructureKind kind, EffectTarget target, Locale locale) {
        return given != null ? given : messages.getMessage(TargetNames.defaultKey(kind, target), null, locale);
    }

    /**
     * The draft with its target names checked and kept only where they differ from the kind's default name (in
     * French or English): an unchanged name is stored as null, so that each language shows its own default.
     */
    private EvaluationDraft withTargetNames(EvaluationDraft draft, @Nullable StructureKind kind) {
        List<Violation> violations = new ArrayList<>();
        Map<EffectTarget, String> given = new EnumMap<>(EffectTarget.class);
        Map<String, EffectTarget> seen = new HashMap<>();
        for (EffectTarget target : EffectTarget.values()) {
            String field = "targetName" + switch (target) {
                case HABITANTS -> "Habitants";
                case TERRITOIRE -> "Territoire";
                case COMMUNAUTE_ACTION -> "CommunauteAction";
            };
            String name = draft.targetName(target) == null ? "" : draft.targetName(target).strip();
            if (name.length() > TargetNames.MAX_LENGTH) {
                violations.add(new Violation(field, "chain.evaluation.targetName.tooLong", TargetNames.MAX_LENGTH));
                continue;
            }
            if (Texts.hasControlCharacters(name)) {
                violations.add(new Violation(field, "web.text.control"));
                continue;
            }
            if (kind != null && (name.equals(targetName(null, kind, target, Locale.FRENCH))
                    || name.equals(targetName(null, kind, target, Locale.ENGLISH)))) {
                name = "";
            }
            if (!name.isEmpty()) {
                given.put(target, name);
            }
            String shown = name.isEmpty() && kind != null ? targetName(null, kind, target, Locale.FRENCH) : name;
            if (!shown.isEmpty() && seen.putIfAbsent(shown.toLowerCase(Locale.ROOT), target) != null) {
                violations.add(new Violation(field, "chain.evaluation.targetName.duplicate", shown));
            }
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return new EvaluationDraft(draft.title(), draft.scope(), draft.actionName(), draft.periodStart(),
                draft.periodEnd(), draft.status(), given.get(EffectTarget.HABITANTS),
                given.get(EffectTarget.TERRITOIRE), given.get(EffectTarget.COMMUNAUTE_ACTION), draft.purpose(),
                draft.audiences(), draft.means(), draft.steering());
    }

    /**
     * Marks the evaluation's figures as illustrative (the demo's), or not: its pages then carry a
     * banner; its reports, drafts and finalised versions, carry no such marker.
     */
    @Transactional
    public void markIllustrative(long evaluationId, boolean illustrative) {
        Evaluation evaluation = evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        evaluations.markIllustrative(evaluation.structureId(), evaluationId, illustrative);
    }

    /** Whether the evaluation's figures are illustrative, for whoever reads it. */
    public boolean illustrative(long evaluationId) {
        Evaluation evaluation = evaluation(evaluationId);
        return evaluations.illustrative(evaluation.structureId(), evaluationId);
    }

    /** The structure in which the caller is about to create an evaluation: editors and admins only. */
    public Structure structureForNewEvaluation(long structureId) {
        access.requireStructureRole(structureId, Role.STRUCTURE_EDITOR);
        return organisations.structure(structureId);
    }

    public StructurePage structurePage(long structureId) {
        Structure structure = organisations.structure(structureId);
        List<Evaluation> readable = evaluations(structureId);
        boolean member = access.isMember(structureId);
        boolean admin = access.hasStructureRole(structureId, Role.STRUCTURE_ADMIN);
        return new StructurePage(structure, readable, member ? organisations.shares(structureId) : List.of(),
                admin ? organisations.networkOrganisations(structureId) : List.of(),
                access.hasStructureRole(structureId, Role.STRUCTURE_EDITOR), access.canAdminister(structureId), admin);
    }

    /** The structure's evaluations that the caller may read: all for members, the shared ones for the others. */
    public List<Evaluation> evaluations(long structureId) {
        access.requireStructureRead(structureId);
        List<Evaluation> all = evaluations.findByStructure(structureId);
        if (access.isMember(structureId)) {
            return all;
        }
        return visibleThroughShares(all, organisations.sharesReachingMe().stream()
                .filter(share -> share.structureId() == structureId).toList());
    }

    /** For the home page: each readable structure with the evaluations the caller may read. */
    public List<StructureEvaluations> overview() {
        List<Structure> structures = organisations.readableStructures();
        List<Membership> mine = organisations.myMemberships();
        Set<Long> memberOf = mine.stream().map(membership -> membership.organisationId()).collect(Collectors.toSet());
        Set<Long> editorOf = mine.stream()
                .filter(membership -> membership.role().atLeast(Role.STRUCTURE_EDITOR))
                .map(membership -> membership.organisationId()).collect(Collectors.toSet());
        Map<Long, List<Share>> sharesByStructure = organisations.sharesReachingMe().stream()
                .collect(Collectors.groupingBy(Share::structureId));
        Map<Long, List<Evaluation>> byStructure = evaluations.findByStructures(
                structures.stream().map(Structure::id).toList()).stream()
                .collect(Collectors.groupingBy(Evaluation::structureId, LinkedHashMap::new, Collectors.toList()));
        List<StructureEvaluations> overview = new ArrayList<>();
        for (Structure structure : structures) {
            List<Evaluation> all = byStructure.getOrDefault(structure.id(), List.of());
            List<Evaluation> visible = memberOf.contains(structure.id()) ? all
                    : visibleThroughShares(all, sharesByStructure.getOrDefault(structure.id(), List.of()));
            if (memberOf.contains(structure.id()) || !visible.isEmpty()) {
                overview.add(new StructureEvaluations(structure, visible, editorOf.contains(structure.id())));
            }
        }
        return overview;
    }

    private static List<Evaluation> visibleThroughShares(List<Evaluation> all, List<Share> shares) {
        if (shares.stream().anyMatch(Share::allEvaluations)) {
            return all;
        }
        Set<Long> shared = shares.stream().map(Share::evaluationId).collect(Collectors.toSet());
        return all.stream().filter(evaluation -> shared.contains(evaluation.id())).toList();
    }

    @Transactional
    public long create(long structureId, EvaluationDraft draft) {
        access.requireStructureRole(structureId, Role.STRUCTURE_EDITOR);
        return evaluations.insert(structureId, validate(draft, organisations.structure(structureId).kind()));
    }

    @Transactional
    public void update(long evaluationId, EvaluationDraft draft) {
        update(evaluationId, draft, null);
    }

    /**
     * Saves the evaluation over {@code version}, the one its editor read; a {@link ConcurrentEditException}
     * when someone saved it meanwhile ({@code null}: not checked).
     */
    @Transactional
    public void update(long evaluationId, EvaluationDraft draft, @Nullable Integer version) {
        Evaluation evaluation = evaluation(evaluationId);
        CurrentUser user = access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        long structureId = evaluation.structureId();
        EvaluationDraft valid = validate(draft, organisations.structure(structureId).kind());
        // an action's figures and the whole structure's never share a series: the scope stays once figures exist
        if (valid.scope() != evaluation.scope() && (evaluation.previousEvaluationId() != null
                || evaluations.findNext(structureId, evaluationId).isPresent()
                || evaluations.hasFigures(structureId, evaluationId))) {
            throw new RuleViolationException("scope", "chain.evaluation.scope.locked");
        }
        if (!evaluations.update(structureId, evaluationId, valid, revisions.edit(version, user.id()))) {
            throw revisions.conflict("evaluation", structureId, evaluationId,
                    () -> evaluations.find(structureId, evaluationId)
                            .orElseThrow(() -> new EvaluationNotFoundException(evaluationId)));
        }
    }

    // --- the next cycle -----------------------------------------------------------------------

    /** The evaluation this one was started from, and the one started from it, among those the caller may read. */
    public EvaluationCycles cycles(long evaluationId) {
        Evaluation evaluation = evaluation(evaluationId);
        long structureId = evaluation.structureId();
        Evaluation previous = evaluation.previousEvaluationId() == null ? null
                : evaluations.find(structureId, evaluation.previousEvaluationId())
                        .filter(found -> access.canReadEvaluation(structureId, found.id())).orElse(null);
        Evaluation next = evaluations.findNext(structureId, evaluationId)
                .filter(found -> access.canReadEvaluation(structureId, found.id())).orElse(null);
        return new EvaluationCycles(previous, next);
    }

    /** What the next-cycle form proposes for an evaluation the caller may edit (see {@link NextCycleDraft#after}). */
    public NextCycleDraft nextCycleProposal(long evaluationId) {
        return NextCycleDraft.after(editable(evaluationId).evaluation());
    }

    /**
     * Starts the next cycle of an evaluation: a new evaluation of the same structure and scope, in framing, over a
     * period that starts after the previous one ends, with a copy of the previous chain (stakeholders, elements,
     * links, interactions). The previous evaluation is not changed. An evaluation has one next cycle at most.
     * Called by the next-cycle service, which copies the rest in the same transaction.
     */
    @Transactional
    public ChainCopy startNextCycle(long evaluationId, NextCycleDraft draft) {
        Evaluation previous = evaluation(evaluationId);
        long structureId = previous.structureId();
        access.requireStructureRole(structureId, Role.STRUCTURE_EDITOR);
        EvaluationDraft valid = validate(new EvaluationDraft(draft.title(), previous.scope(), previous.actionName(),
                draft.periodStart(), draft.periodEnd(), EvaluationStatus.FRAMING));
        if (!valid.periodStart().isAfter(previous.periodEnd())) {
            throw new RuleViolationException("periodStart", "chain.nextCycle.startsTooEarly",
                    DateTimeFormatter.ofPattern("dd/MM/yyyy").format(previous.periodEnd()));
        }
        Optional<Evaluation> existing = evaluations.findNext(structureId, evaluationId);
        if (existing.isPresent()) {
            throw new RuleViolationException("", "chain.nextCycle.exists", existing.get().title());
        }
        long id;
        try {
            id = evaluations.insertNext(structureId, evaluationId, valid);
        }
        catch (DuplicateKeyException ex) {
            // started by someone else meanwhile
            throw new RuleViolationException("", "chain.nextCycle.exists", valid.title());
        }
        Map<Long, Long> stakeholders = copies.copyStakeholders(structureId, evaluationId, id);
        Map<Long, Long> elements = copies.copyElements(structureId, evaluationId, id, stakeholders);
        copies.copyLinks(structureId, evaluationId, id, elements);
        copies.copyInteractions(structureId, evaluationId, id, stakeholders, elements);
        Evaluation next = evaluations.find(structureId, id).orElseThrow(() -> new EvaluationNotFoundException(id));
        return new ChainCopy(previous, next, stakeholders, elements);
    }

    /** For background work that decides itself what it shows (the network's results): no caller to check. */
    public Optional<Evaluation> evaluationUnchecked(long structureId, long evaluationId) {
        return evaluations.find(structureId, evaluationId);
    }

    /** For demo data only: no caller to check. */
    @Transactional
    public long createUnchecked(long structureId, EvaluationDraft draft) {
        return evaluations.insert(structureId, validate(draft, null));
    }

    /** Marks an evaluation's figures as illustrative without checking the caller, for the demo's loading. */
    @Transactional
    public void markIllustrativeUnchecked(long structureId, long evaluationId) {
        evaluations.markIllustrative(structureId, evaluationId, true);
    }

    /** Shares one evaluation of the structure, or all of them (null), with a federation or a CAF. */
    @Transactional
    public long share(long structureId, @Nullable Long evaluationId, long recipientId) {
        if (evaluationId != null && evaluations.find(structureId, evaluationId).isEmpty()) {
            throw new RuleViolationException("evaluationId", "chain.share.evaluation.invalid");
        }
        return organisations.share(structureId, evaluationId, recipientId);
    }

    /** Every rule of {@link #validate(EvaluationDraft)} and of the target names, all refusals at once. */
    private EvaluationDraft validate(EvaluationDraft draft, @Nullable StructureKind kind) {
        List<Violation> violations = new ArrayList<>();
        EvaluationDraft valid = null;
        EvaluationDraft named = null;
        try {
            valid = validate(draft);
        }
        catch (RuleViolationException ex) {
            violations.addAll(ex.violations());
        }
        try {
            named = withTargetNames(draft, kind);
        }
        catch (RuleViolationException ex) {
            violations.addAll(ex.violations());
        }
        if (!violations.isEmpty() || valid == null || named == null) {
            throw new RuleViolationException(violations);
        }
        return new EvaluationDraft(valid.title(), valid.scope(), valid.actionName(), valid.periodStart(),
                valid.periodEnd(), valid.status(), named.targetNameHabitants(), named.targetNameTerritoire(),
                named.targetNameCommunauteAction(), valid.purpose(), valid.audiences(), valid.means(),
                valid.steering());
    }

    private static EvaluationDraft validate(EvaluationDraft draft) {
        List<Violation> violations = new ArrayList<>();
        String title = draft.title() == null ? "" : draft.title().strip();
        String actionName = draft.actionName() == null || draft.actionName().isBlank() ? null
                : draft.actionName().strip();
        if (title.isEmpty() || title.length() > 200) {
            violations.add(new Violation("title", "chain.evaluation.title.invalid"));
        }
        if (draft.scope() == null) {
            violations.add(new Violation("scope", "chain.evaluation.scope.required"));
        }
        else if (draft.scope() == EvaluationScope.ACTION && actionName == null) {
            violations.add(new Violation("actionName", "chain.evaluation.actionName.required"));
        }
        if (actionName != null && actionName.length() > 200) {
            violations.add(new Violation("actionName", "chain.evaluation.actionName.tooLong"));
        }
        if (Texts.hasControlCharacters(title)) {
            violations.add(new Violation("title", "web.text.control"));
        }
        if (actionName != null && Texts.hasControlCharacters(actionName)) {
            violations.add(new Violation("actionName", "web.text.control"));
        }
        String purpose = framingText(draft.purpose(), "purpose", violations);
        String audiences = framingText(draft.audiences(), "audiences", violations);
        String means = framingText(draft.means(), "means", violations);
        String steering = framingText(draft.steering(), "steering", violations);
        if (draft.periodStart() == null) {
            violations.add(new Violation("periodStart", "chain.evaluation.period.required"));
        }
        else if (!Dates.isPlausible(draft.periodStart())) {
            violations.add(new Violation("periodStart", "web.date.outOfRange"));
        }
        if (draft.periodEnd() == null) {
            violations.add(new Violation("periodEnd", "chain.evaluation.period.required"));
        }
        else if (!Dates.isPlausible(draft.periodEnd())) {
            violations.add(new Violation("periodEnd", "web.date.outOfRange"));
        }
        else if (draft.periodStart() != null && draft.periodEnd().isBefore(draft.periodStart())) {
            violations.add(new Violation("periodEnd", "chain.evaluation.period.endBeforeStart"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        EvaluationStatus status = draft.status() == null ? EvaluationStatus.FRAMING : draft.status();
        return new EvaluationDraft(title, draft.scope(), draft.scope() == EvaluationScope.ACTION ? actionName : null,
                draft.periodStart(), draft.periodEnd(), status, draft.targetNameHabitants(),
                draft.targetNameTerritoire(), draft.targetNameCommunauteAction(), purpose, audiences, means, steering);
    }

    /** A framing text stripped, null when blank; a refusal added when too long or holding control characters. */
    private static @Nullable String framingText(@Nullable String text, String field, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip().replace("\r\n", "\n");
        if (stripped.length() > EvaluationDraft.FRAMING_MAX_LENGTH) {
            violations.add(new Violation(field, "chain.evaluation.framing.tooLong",
                    EvaluationDraft.FRAMING_MAX_LENGTH, stripped.length()));
        }
        else if (Texts.hasControlCharacters(stripped)) {
            violations.add(new Violation(field, "web.text.control"));
        }
        return stripped;
    }
}
