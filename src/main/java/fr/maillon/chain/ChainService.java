package fr.maillon.chain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.internal.ValueChainRepository;
import fr.maillon.chain.internal.WorkshopParser;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.Edit;
import fr.maillon.web.Revisions;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.Texts;
import fr.maillon.web.RuleViolationException.Violation;

/**
 * The value chain of an evaluation: its stakeholders, resources, activities, outputs, effects, the
 * links between them and the interactions of stakeholders with activities. Members of the
 * structure read it, as do those it was shared with; editors and admins change it.
 */
@Service
public class ChainService {

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    /** A workshop text longer than this is refused: a session types a few hundred lines. */
    public static final int MAX_WORKSHOP_TEXT = 50_000;
    /** A refused workshop line is quoted in its message up to this many characters. */
    private static final int QUOTED_LINE = 80;
    /** A link's justification: a few sentences. */
    public static final int MAX_JUSTIFICATION = 1000;
    /** A link's evidence: the indicators, testimonies and documents it rests on, named in a paragraph. */
    public static final int MAX_EVIDENCE = 2000;

    private final EvaluationService evaluations;
    private final AccessPolicy access;
    private final ValueChainRepository chains;
    private final Revisions revisions;

    ChainService(EvaluationService evaluations, AccessPolicy access, ValueChainRepository chains,
            Revisions revisions) {
        this.evaluations = evaluations;
        this.access = access;
        this.chains = chains;
        this.revisions = revisions;
    }

    /** A save by the signed-in editor, now, over the version she read. */
    private Edit edit(@Nullable Integer version) {
        return revisions.edit(version, access.currentUserId());
    }

    /** The chain as one consistent snapshot, even while others edit it. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ValueChain chain(long evaluationId) {
        return load(evaluations.evaluation(evaluationId));
    }

    /** The chain, for a caller who may change it (403 for those who only read it). */
    public ValueChain editableChain(long evaluationId) {
        return load(editable(evaluationId));
    }

    /** Whether the caller is a member of the evaluation's structure (its live workshops are for its members). */
    public boolean isMember(long evaluationId) {
        return access.hasStructureRole(evaluations.evaluation(evaluationId).structureId(), Role.STRUCTURE_VIEWER);
    }

    /** Whether the caller may change this evaluation's chain. */
    public boolean canEdit(Evaluation evaluation) {
        return access.hasStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
    }

    public List<Dimension> dimensions(long evaluationId) {
        return chains.dimensions(evaluations.evaluation(evaluationId).structureId());
    }

    /**
     * The dimensions an effect of the evaluation may be filed under: those of the référentiels its
     * structure is offered (national ones, its département's, its own) and did not hide, plus the
     * one the effect already has ({@code currentDimensionId}), so that editing never loses it.
     */
    public List<Dimension> offeredDimensions(long evaluationId, @Nullable Long currentDimensionId) {
        long structureId = evaluations.evaluation(evaluationId).structureId();
        List<Dimension> offered = new ArrayList<>(chains.offeredDimensions(structureId));
        if (currentDimensionId != null && offered.stream().noneMatch(d -> d.id() == currentDimensionId)) {
            chains.dimensions(structureId).stream().filter(d -> d.id() == currentDimensionId).findFirst()
                    .ifPresent(offered::add);
        }
        return offered;
    }

    // --- stakeholders -------------------------------------------------------------------------

    @Transactional
    public long addStakeholder(long evaluationId, StakeholderDraft draft) {
        Evaluation evaluation = editable(evaluationId);
        return chains.insertStakeholder(evaluation.structureId(), evaluationId, validate(draft));
    }

    @Transactional
    public void updateStakeholder(long evaluationId, long stakeholderId, StakeholderDraft draft) {
        updateStakeholder(evaluationId, stakeholderId, draft, null);
    }

    /**
     * Saves the stakeholder over {@code version}, the one its editor read: a {@link ConcurrentEditException}
     * when someone saved it meanwhile ({@code null}: not checked).
     */
    @Transactional
    public void updateStakeholder(long evaluationId, long stakeholderId, StakeholderDraft draft,
            @Nullable Integer version) {
        Evaluation evaluation = editable(evaluationId);
        long structureId = evaluation.structureId();
        if (!chains.updateStakeholder(structureId, evaluationId, stakeholderId, validate(draft), edit(version))) {
            throw revisions.conflict("stakeholder", structureId, stakeholderId,
                    () -> stakeholderOf(load(evaluation), stakeholderId));
        }
    }

    @Transactional
    public void deleteStakeholder(long evaluationId, long stakeholderId) {
        Evaluation evaluation = editable(evaluationId);
        if (!chains.deleteStakeholder(evaluation.structureId(), evaluationId, stakeholderId)) {
            throw new ChainElementNotFoundException(stakeholderId);
        }
    }

    @Transactional
    public void moveStakeholder(long evaluationId, long stakeholderId, boolean up) {
        Evaluation evaluation = editable(evaluationId);
        stakeholderOf(load(evaluation), stakeholderId);
        chains.moveStakeholder(evaluation.structureId(), stakeholderId, up);
    }

    // --- elements -----------------------------------------------------------------------------

    @Transactional
    public long addElement(long evaluationId, ChainElementDraft draft) {
        Evaluation evaluation = editable(evaluationId);
        return chains.insertElement(evaluation.structureId(), evaluationId, validate(load(evaluation), draft));
    }

    @Transactional
    public void updateElement(long evaluationId, long elementId, ChainElementDraft draft) {
        updateElement(evaluationId, elementId, draft, null);
    }

    /**
     * Saves the element over {@code version}, the one its editor read: a {@link ConcurrentEditException}
     * when someone saved it meanwhile ({@code null}: not checked).
     */
    @Transactional
    public void updateElement(long evaluationId, long elementId, ChainElementDraft draft, @Nullable Integer version) {
        Evaluation evaluation = editable(evaluationId);
        ValueChain chain = load(evaluation);
        ChainElement element = elementOf(chain, elementId);
        ChainElementDraft clean = validate(chain, withKind(draft, element.kind()));
        if (element.kind() == ElementKind.ACTIVITY && clean.activityType() != element.activityType()) {
            List<String> broken = chain.links().stream()
                    .filter(link -> link.sourceId() == elementId || link.targetId() == elementId)
                    .filter(link -> !allowedLink(
                            kindAfter(chain.element(link.sourceId()).orElseThrow(), elementId, clean),
                            kindAfter(chain.element(link.targetId()).orElseThrow(), elementId, clean)))
                    .map(link -> describe(chain, link)).toList();
            if (!broken.isEmpty()) {
                throw new RuleViolationException("activityType", "chain.element.activityType.breaksLinks",
                        String.join(", ", broken));
            }
        }
        if (!chains.updateElement(evaluation.structureId(), evaluationId, elementId, clean, edit(version))) {
            throw revisions.conflict("chain_element", evaluation.structureId(), elementId,
                    () -> elementOf(load(evaluation), elementId));
        }
    }

    @Transactional
    public void deleteElement(long evaluationId, long elementId) {
        Evaluation evaluation = editable(evaluationId);
        if (!chains.deleteElement(evaluation.structureId(), evaluationId, elementId)) {
            throw new ChainElementNotFoundException(elementId);
        }
    }

    @Transactional
    public void moveElement(long evaluationId, long elementId, boolean up) {
        Evaluation evaluation = editable(evaluationId);
        elementOf(load(evaluation), elementId);
        chains.moveElement(evaluation.structureId(), elementId, up);
    }

    /** What deleting this element (or stakeholder) would take with it. */
    public DeletionImpact deletionImpact(long evaluationId, long id, boolean stakeholder) {
        ValueChain chain = chain(evaluationId);
        if (stakeholder) {
            Stakeholder deleted = stakeholderOf(chain, id);
            return new DeletionImpact(deleted.name(), List.of(), chain.interactions().stream()
                    .filter(interaction -> interaction.stakeholderId() == id)
                    .map(interaction -> describe(chain, interaction)).toList());
        }
        ChainElement deleted = elementOf(chain, id);
        return new DeletionImpact(deleted.name(),
                chain.links().stream().filter(link -> link.sourceId() == id || link.targetId() == id)
                        .map(link -> describe(chain, link)).toList(),
                chain.interactions().stream().filter(interaction -> interaction.activityId() == id)
                        .map(interaction -> describe(chain, interaction)).toList());
    }

    // --- links --------------------------------------------------------------------------------

    @Transactional
    public long addLink(long evaluationId, LinkDraft draft) {
        Evaluation evaluation = editable(evaluationId);
        ValueChain chain = load(evaluation);
        List<Violation> violations = new ArrayList<>();
        ChainElement source = draft.sourceId() == null ? null : chain.element(draft.sourceId()).orElse(null);
        ChainElement target = draft.targetId() == null ? null : chain.element(draft.targetId()).orElse(null);
        if (source == null) {
            violations.add(new Violation("sourceId", "chain.link.source.invalid"));
        }
        if (target == null) {
            violations.add(new Violation("targetId", "chain.link.target.invalid"));
        }
        LinkDraft clean = validate(draft, violations);
        if (source != null && target != null) {
            if (source.id() == target.id()) {
                violations.add(new Violation("targetId", "chain.link.self"));
            }
            else if (!allowedLink(source, target)) {
                LinkAdvice advice = advice(source, target);
                violations.addAll(refusal(advice));
                throw new LinkRefusedException(violations, advice);
            }
            else if (chain.links().stream().anyMatch(link -> link.sourceId() == source.id()
                    && link.targetId() == target.id())) {
                violations.add(new Violation("targetId", "chain.link.duplicate"));
            }
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        long id = chains.insertLink(evaluation.structureId(), evaluationId, source.id(), target.id(), clean);
        if (id == 0) {
            throw new RuleViolationException("targetId", "chain.link.duplicate");
        }
        return id;
    }

    /**
     * Saves a link's rationale and hypothesis (status, justification, evidence) over {@code version},
     * the one its editor read: a {@link ConcurrentEditException} when someone saved it meanwhile
     * ({@code null}: not checked). Its ends stay: a draft naming other ends is refused.
     */
    @Transactional
    public void updateLink(long evaluationId, long linkId, LinkDraft draft, @Nullable Integer version) {
        Evaluation evaluation = editable(evaluationId);
        Link link = load(evaluation).link(linkId);
        List<Violation> violations = new ArrayList<>();
        if (draft.sourceId() != null && draft.sourceId() != link.sourceId()) {
            violations.add(new Violation("sourceId", "chain.link.endsFixed"));
        }
        if (draft.targetId() != null && draft.targetId() != link.targetId()) {
            violations.add(new Violation("targetId", "chain.link.endsFixed"));
        }
        LinkDraft clean = validate(draft, violations);
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        long structureId = evaluation.structureId();
        if (!chains.updateLink(structureId, evaluationId, linkId, clean, edit(version))) {
            throw revisions.conflict("chain_link", structureId, linkId, () -> load(evaluation).link(linkId));
        }
    }

    /** One link of the evaluation (a {@link ChainElementNotFoundException} when it is not one of its links). */
    public Link link(long evaluationId, long linkId) {
        return chain(evaluationId).link(linkId);
    }

    /** The rationale and hypothesis, stripped and bounded; the ends as given. */
    private static LinkDraft validate(LinkDraft draft, List<Violation> violations) {
        String rationale = text(draft.rationale(), 1000, "rationale", violations);
        String justification = text(draft.justification(), MAX_JUSTIFICATION, "justification", violations);
        String evidence = text(draft.evidence(), MAX_EVIDENCE, "evidence", violations);
        return new LinkDraft(draft.sourceId(), draft.targetId(), rationale,
                draft.hypothesis() == null ? HypothesisStatus.NON_TESTEE : draft.hypothesis(), justification, evidence);
    }

    @Transactional
    public void deleteLink(long evaluationId, long linkId) {
        Evaluation evaluation = editable(evaluationId);
        if (!chains.deleteLink(evaluation.structureId(), evaluationId, linkId)) {
            throw new ChainElementNotFoundException(linkId);
        }
    }

    /**
     * The kinds of links the method draws: resource→activity, support activity→primary activity,
     * activity→output, activity→effect, output→effect, and effect→resource (the regeneration).
     */
    public static boolean allowedLink(ChainElement source, ChainElement target) {
        return LinkRole.of(source).leadsTo(LinkRole.of(target));
    }

    /**
     * The nearest the method offers for a link it does not draw: the one place of the chain to pass
     * through, the link the other way round, or (between two primary activities) an output of the source.
     */
    static LinkAdvice advice(ChainElement source, ChainElement target) {
        LinkRole from = LinkRole.of(source);
        LinkRole to = LinkRole.of(target);
        LinkRole via = null;
        for (LinkRole step : LinkRole.values()) {
            if (from.leadsTo(step) && step.leadsTo(to)) {
                via = step;
                break;
            }
        }
        boolean primaries = from == LinkRole.PRIMARY_ACTIVITY && to == LinkRole.PRIMARY_ACTIVITY;
        return new LinkAdvice(source.id(), source.name(), from, target.id(), target.name(), to, via,
                !primaries && to.leadsTo(from), primaries);
    }

    /** Why the link is refused (the links the method draws from its source) and what to do instead. */
    private static List<Violation> refusal(LinkAdvice advice) {
        List<Violation> violations = new ArrayList<>();
        violations.add(new Violation("targetId", "chain.link.refused", advice.sourceName(), advice.targetName(),
                new DefaultMessageSourceResolvable("chain.link.from." + advice.source().name())));
        if (advice.outputOffer()) {
            violations.add(new Violation("targetId", "chain.link.offer.output", advice.sourceName(),
                    advice.targetName()));
        }
        else if (advice.via() != null) {
            String via = advice.via() == LinkRole.SUPPORT_ACTIVITY || advice.via() == LinkRole.PRIMARY_ACTIVITY
                    ? "ACTIVITY" : advice.via().name();
            violations.add(new Violation("targetId", "chain.link.via." + via, advice.sourceName(),
                    advice.targetName()));
        }
        if (advice.reverse()) {
            violations.add(new Violation("targetId", "chain.link.reverse", advice.sourceName(), advice.targetName()));
        }
        return violations;
    }

    /**
     * What a primary activity does for another, drawn the method's way: a new output of the source
     * activity, named {@code name}, linked from it with {@code rationale}; all or nothing.
     */
    @Transactional
    public long addOutputFor(long evaluationId, long sourceId, String name, @Nullable String rationale) {
        Evaluation evaluation = editable(evaluationId);
        ChainElement source = load(evaluation).element(sourceId).orElse(null);
        if (source == null || source.kind() != ElementKind.ACTIVITY) {
            throw new RuleViolationException("sourceId", "chain.link.source.invalid");
        }
        long output = addElement(evaluationId, ChainElementDraft.named(ElementKind.OUTPUT, name));
        addLink(evaluationId, new LinkDraft(source.id(), output, rationale));
        return output;
    }

    // --- interactions -------------------------------------------------------------------------

    @Transactional
    public long addInteraction(long evaluationId, InteractionDraft draft) {
        Evaluation evaluation = editable(evaluationId);
        return chains.insertInteraction(evaluation.structureId(), evaluationId, validate(load(evaluation), draft));
    }

    @Transactional
    public void updateInteraction(long evaluationId, long interactionId, InteractionDraft draft) {
        updateInteraction(evaluationId, interactionId, draft, null);
    }

    /**
     * Saves the interaction over {@code version}, the one its editor read: a {@link ConcurrentEditException}
     * when someone saved it meanwhile ({@code null}: not checked).
     */
    @Transactional
    public void updateInteraction(long evaluationId, long interactionId, InteractionDraft draft,
            @Nullable Integer version) {
        Evaluation evaluation = editable(evaluationId);
        long structureId = evaluation.structureId();
        if (!chains.updateInteraction(structureId, evaluationId, interactionId, validate(load(evaluation), draft),
                edit(version))) {
            throw revisions.conflict("interaction", structureId, interactionId,
                    () -> interactionOf(load(evaluation), interactionId));
        }
    }

    @Transactional
    public void deleteInteraction(long evaluationId, long interactionId) {
        Evaluation evaluation = editable(evaluationId);
        if (!chains.deleteInteraction(evaluation.structureId(), evaluationId, interactionId)) {
            throw new ChainElementNotFoundException(interactionId);
        }
    }

    // --- workshop entry -----------------------------------------------------------------------

    /**
     * Adds what a facilitator typed in the workshop notation ({@link WorkshopParser}), all or nothing:
     * names already in the chain are reused; every unreadable line is reported with its number.
     */
    @Transactional
    public WorkshopResult workshop(long evaluationId, String text) {
        Evaluation evaluation = editable(evaluationId);
        if (text != null && text.length() > MAX_WORKSHOP_TEXT) {
            throw new RuleViolationException("text", "chain.workshop.textTooLong", MAX_WORKSHOP_TEXT);
        }
        ValueChain chain = load(evaluation);
        Set<String> linked = new HashSet<>();
        chain.links().forEach(link -> linked.add(link.sourceId() + ">" + link.targetId()));
        Set<String> interacted = new HashSet<>();
        chain.interactions().forEach(interaction -> interacted.add(interactionKey(interaction.stakeholderId(),
                interaction.activityId(), interaction.cost(), interaction.benefit())));
        Map<String, Long> stakeholders = new HashMap<>();
        chain.stakeholders().forEach(stakeholder -> stakeholders.put(key(stakeholder.name()), stakeholder.id()));
        Map<String, ChainElement> elements = new HashMap<>();
        chain.elements().forEach(element -> elements.put(key(element.name()), element));
        List<Violation> errors = new ArrayList<>();
        int[] counts = new int[4];
        Map<String, EffectTarget> targetTags = workshopTargetTags(evaluationId);
        String[] typed = (text == null ? "" : text).split("\\R", -1);
        for (WorkshopParser.Line line : WorkshopParser.parse(text == null ? "" : text, targetTags)) {
            try {
                if (line instanceof WorkshopParser.ErrorLine error) {
                    errors.add(lineError(error.number(), error.code(), error.arguments().toArray()));
                }
                else if (line instanceof WorkshopParser.StakeholderLine stakeholder) {
                    if (!stakeholders.containsKey(key(stakeholder.name()))) {
                        stakeholders.put(key(stakeholder.name()), addStakeholder(evaluationId, new StakeholderDraft(
                                stakeholder.name(), stakeholder.type(), stakeholder.member(), null, null, null, null)));
                        counts[0]++;
                    }
                }
                else if (line instanceof WorkshopParser.ElementLine element) {
                    ChainElement existing = elements.get(key(element.name()));
                    if (existing != null && existing.kind() != element.kind()) {
                        errors.add(lineError(element.number(), "chain.workshop.nameTaken", element.name()));
                    }
                    else if (existing == null) {
                        long id = addElement(evaluationId, new ChainElementDraft(element.kind(), element.name(), null,
                                element.resourceKind(), null, null, null, null, element.activityType(),
                                element.supportCategory(), element.target(), null));
                        elements.put(key(element.name()), new ChainElement(id, evaluationId, element.kind(),
                                element.name(), null, 0, element.resourceKind(), null, null, null, null,
                                element.activityType(), element.supportCategory(), element.target(), null, 0));
                        counts[1]++;
                    }
                }
                else if (line instanceof WorkshopParser.LinkLine link) {
                    ChainElement source = elements.get(key(link.source()));
                    ChainElement target = elements.get(key(link.target()));
                    if (source == null || target == null) {
                        errors.add(lineError(link.number(), "chain.workshop.unknownName",
                                source == null ? link.source() : link.target()));
                    }
                    else if (linked.add(source.id() + ">" + target.id())) {
                        addLink(evaluationId, new LinkDraft(source.id(), target.id(), link.rationale()));
                        counts[2]++;
                    }
                }
                else if (line instanceof WorkshopParser.InteractionLine interaction) {
                    Long stakeholder = stakeholders.get(key(interaction.stakeholder()));
                    ChainElement activity = elements.get(key(interaction.activity()));
                    if (stakeholder == null || activity == null) {
                        errors.add(lineError(interaction.number(), "chain.workshop.unknownName",
                                stakeholder == null ? interaction.stakeholder() : interaction.activity()));
                    }
                    else if (interacted.add(interactionKey(stakeholder, activity.id(), interaction.cost(),
                            interaction.benefit()))) {
                        addInteraction(evaluationId, new InteractionDraft(stakeholder, activity.id(),
                                interaction.cost(), null, null, null, interaction.benefit(), null, null, null));
                        counts[3]++;
                    }
                }
            }
            catch (RuleViolationException ex) {
                ex.violations().forEach(violation -> errors.add(new Violation("text", "chain.workshop.lineError",
                        line.number(), new DefaultMessageSourceResolvable(new String[] { violation.code() },
                                violation.arguments()))));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleViolationException(errors.stream().map(error -> quoted(error, typed)).toList());
        }
        return new WorkshopResult(counts[0], counts[1], counts[2], counts[3]);
    }

    /**
     * The tags that name each target in the workshop notation: the codes' tags, and the evaluation's names of its
     * targets in French and in English (see {@link WorkshopParser#targetTags}).
     */
    public Map<String, EffectTarget> workshopTargetTags(long evaluationId) {
        return WorkshopParser.targetTags(List.of(evaluations.targetNames(evaluationId, Locale.FRENCH),
                evaluations.targetNames(evaluationId, Locale.ENGLISH)));
    }

    private static Violation lineError(int line, String code, Object... arguments) {
        return new Violation("text", "chain.workshop.lineError", line,
                new DefaultMessageSourceResolvable(new String[] { code }, arguments));
    }

    /** A line's refusal quoting what was typed on it, so that it is found without line numbers. */
    private static Violation quoted(Violation error, String[] typed) {
        int line = (Integer) error.arguments()[0];
        String text = line >= 1 && line <= typed.length ? typed[line - 1].strip() : "";
        if (text.codePointCount(0, text.length()) > QUOTED_LINE) {
            text = text.substring(0, text.offsetByCodePoints(0, QUOTED_LINE)) + "…";
        }
        return new Violation("text", "chain.workshop.lineQuoted", line, error.arguments()[1], text);
    }

    /** The tags each letter of the workshop notation accepts, as {@code #tag}, in the order they are shown. */
    public static Map<Character, List<String>> workshopTags() {
        return WorkshopParser.acceptedTags();
    }

    private static String interactionKey(long stakeholderId, long activityId, String cost, String benefit) {
        return stakeholderId + "|" + activityId + "|" + key(cost) + "|" + key(benefit);
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    // --- rules --------------------------------------------------------------------------------

    private Evaluation editable(long evaluationId) {
        Evaluation evaluation = evaluations.evaluation(evaluationId);
        access.requireStructureRole(evaluation.structureId(), Role.STRUCTURE_EDITOR);
        return evaluation;
    }

    /** The chain of an evaluation already read, for a page that decided itself to show it (a workshop's projector). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    ValueChain chainUnchecked(Evaluation evaluation) {
        return load(evaluation);
    }

    private ValueChain load(Evaluation evaluation) {
        long structureId = evaluation.structureId();
        return new ValueChain(evaluation, chains.stakeholders(structureId, evaluation.id()),
                chains.elements(structureId, evaluation.id()), chains.links(structureId, evaluation.id()),
                chains.interactions(structureId, evaluation.id()));
    }

    private static ChainElement elementOf(ValueChain chain, long id) {
        return chain.element(id).orElseThrow(() -> new ChainElementNotFoundException(id));
    }

    private static Stakeholder stakeholderOf(ValueChain chain, long id) {
        return chain.stakeholder(id).orElseThrow(() -> new ChainElementNotFoundException(id));
    }

    private static Interaction interactionOf(ValueChain chain, long id) {
        return chain.interactions().stream().filter(interaction -> interaction.id() == id).findFirst()
                .orElseThrow(() -> new ChainElementNotFoundException(id));
    }

    private static StakeholderDraft validate(StakeholderDraft draft) {
        List<Violation> violations = new ArrayList<>();
        String name = name(draft.name(), violations);
        if (draft.type() == null) {
            violations.add(new Violation("type", "chain.stakeholder.type.required"));
        }
        String presentation = text(draft.presentation(), 4000, "presentation", violations);
        String field = text(draft.fieldOfIntervention(), 4000, "fieldOfIntervention", violations);
        String constraints = text(draft.constraints(), 4000, "constraints", violations);
        String strengths = text(draft.strengths(), 4000, "strengths", violations);
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return new StakeholderDraft(name, draft.type(), Boolean.TRUE.equals(draft.communityMember()), presentation,
                field, constraints, strengths);
    }

    private ChainElementDraft validate(ValueChain chain, ChainElementDraft draft) {
        List<Violation> violations = new ArrayList<>();
        if (draft.kind() == null) {
            throw new RuleViolationException("kind", "chain.element.kind.required");
        }
        String name = name(draft.name(), violations);
        String description = text(draft.description(), 4000, "description", violations);
        ElementKind kind = draft.kind();
        ChainElementDraft clean = switch (kind) {
            case RESOURCE -> {
                if (draft.resourceKind() == null) {
                    violations.add(new Violation("resourceKind", "chain.element.resourceKind.required"));
                }
                if (draft.providerId() != null && chain.stakeholder(draft.providerId()).isEmpty()) {
                    violations.add(new Violation("providerId", "chain.element.provider.invalid"));
                }
                BigDecimal quantity = amount(draft.quantity(), "quantity", violations);
                String unit = text(draft.unit(), 40, "unit", violations);
                if (quantity != null && unit == null) {
                    violations.add(new Violation("unit", "chain.quantity.unitRequired"));
                }
                BigDecimal value = amount(draft.valueEur(), "valueEur", violations);
                yield new ChainElementDraft(kind, name, description, draft.resourceKind(), draft.providerId(),
                        quantity, quantity == null ? null : unit, value, null, null, null, null);
            }
            case ACTIVITY -> {
                if (draft.activityType() == null) {
                    violations.add(new Violation("activityType", "chain.element.activityType.required"));
                }
                boolean support = draft.activityType() == ActivityType.SUPPORT;
                if (support && draft.supportCategory() == null) {
                    violations.add(new Violation("supportCategory", "chain.element.supportCategory.required"));
                }
                yield new ChainElementDraft(kind, name, description, null, null, null, null, null,
                        draft.activityType(), support ? draft.supportCategory() : null, null, null);
            }
            case OUTPUT -> new ChainElementDraft(kind, name, description, null, null, null, null, null, null, null,
                    null, null);
            case EFFECT -> {
                if (draft.target() == null) {
                    violations.add(new Violation("target", "chain.element.target.required"));
                }
                if (draft.dimensionId() != null && chains.dimensions(chain.evaluation().structureId()).stream()
                        .noneMatch(dimension -> dimension.id() == draft.dimensionId())) {
                    violations.add(new Violation("dimensionId", "chain.element.dimension.invalid"));
                }
                yield new ChainElementDraft(kind, name, description, null, null, null, null, null, null, null,
                        draft.target(), draft.dimensionId());
            }
        };
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return clean;
    }

    private static InteractionDraft validate(ValueChain chain, InteractionDraft draft) {
        List<Violation> violations = new ArrayList<>();
        if (draft.stakeholderId() == null || chain.stakeholder(draft.stakeholderId()).isEmpty()) {
            violations.add(new Violation("stakeholderId", "chain.interaction.stakeholder.invalid"));
        }
        if (draft.activityId() == null || chain.element(draft.activityId())
                .filter(element -> element.kind() == ElementKind.ACTIVITY).isEmpty()) {
            violations.add(new Violation("activityId", "chain.interaction.activity.invalid"));
        }
        String cost = text(draft.cost(), 1000, "cost", violations);
        if (cost == null) {
            violations.add(new Violation("cost", "chain.interaction.cost.required"));
        }
        BigDecimal costQuantity = amount(draft.costQuantity(), "costQuantity", violations);
        String costUnit = text(draft.costUnit(), 40, "costUnit", violations);
        if (costQuantity != null && costUnit == null) {
            violations.add(new Violation("costUnit", "chain.quantity.unitRequired"));
        }
        String benefit = text(draft.benefit(), 1000, "benefit", violations);
        if (benefit == null) {
            violations.add(new Violation("benefit", "chain.interaction.benefit.required"));
        }
        BigDecimal benefitQuantity = amount(draft.benefitQuantity(), "benefitQuantity", violations);
        String benefitUnit = text(draft.benefitUnit(), 40, "benefitUnit", violations);
        if (benefitQuantity != null && benefitUnit == null) {
            violations.add(new Violation("benefitUnit", "chain.quantity.unitRequired"));
        }
        BigDecimal costValue = amount(draft.costValueEur(), "costValueEur", violations);
        BigDecimal benefitValue = amount(draft.benefitValueEur(), "benefitValueEur", violations);
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return new InteractionDraft(draft.stakeholderId(), draft.activityId(), cost, costQuantity,
                costQuantity == null ? null : costUnit, costValue, benefit, benefitQuantity,
                benefitQuantity == null ? null : benefitUnit, benefitValue);
    }

    private static String name(@Nullable String name, List<Violation> violations) {
        String clean = text(name, 200, "name", violations);
        if (clean == null) {
            violations.add(new Violation("name", "chain.name.required"));
        }
        return clean;
    }

    /** Stripped text, null when blank; a violation when longer than {@code max} or holding control characters. */
    static @Nullable String text(@Nullable String text, int max, String field, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() > max) {
            violations.add(new Violation(field, "chain.text.tooLong", max));
        }
        else if (Texts.hasControlCharacters(stripped)) {
            violations.add(new Violation(field, "web.text.control"));
        }
        return stripped;
    }

    /** A non-negative amount with two decimals at most. */
    static @Nullable BigDecimal amount(@Nullable BigDecimal amount, String field, List<Violation> violations) {
        if (amount == null) {
            return null;
        }
        if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 2) {
            violations.add(new Violation(field, "chain.amount.invalid"));
            return null;
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static ChainElementDraft withKind(ChainElementDraft draft, ElementKind kind) {
        return new ChainElementDraft(kind, draft.name(), draft.description(), draft.resourceKind(), draft.providerId(),
                draft.quantity(), draft.unit(), draft.valueEur(), draft.activityType(), draft.supportCategory(),
                draft.target(), draft.dimensionId());
    }

    /** The element as it would be once the edited activity gets its new type. */
    private static ChainElement kindAfter(ChainElement element, long editedId, ChainElementDraft edit) {
        if (element.id() != editedId) {
            return element;
        }
        return new ChainElement(element.id(), element.evaluationId(), element.kind(), element.name(),
                element.description(), element.position(), null, null, null, null, null, edit.activityType(),
                edit.supportCategory(), null, null, element.version());
    }

    static String describe(ValueChain chain, Link link) {
        return name(chain, link.sourceId()) + " → " + name(chain, link.targetId());
    }

    static String describe(ValueChain chain, Interaction interaction) {
        return chain.stakeholder(interaction.stakeholderId()).map(Stakeholder::name).orElse("?") + " — "
                + name(chain, interaction.activityId());
    }

    private static String name(ValueChain chain, long elementId) {
        return chain.element(elementId).map(ChainElement::name).orElse("?");
    }
}
