package fr.maillon.restitution;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.Link;
import fr.maillon.chain.ValueChain;
import fr.maillon.evidence.EvidenceService;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorLinks;
import fr.maillon.framework.IndicatorResults;
import fr.maillon.framework.ObjectiveService;
import fr.maillon.framework.PeriodType;
import fr.maillon.organisation.AccessPolicy;
import fr.maillon.organisation.Role;
import fr.maillon.restitution.internal.ContributionRepository;
import fr.maillon.web.ConcurrentEditException;
import fr.maillon.web.NotFoundException;
import fr.maillon.web.Revision;
import fr.maillon.web.Revisions;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;
import fr.maillon.web.Texts;

/** What the structure specifically contributes to each effect, argued from the chain and the evidence. */
@Service
public class ContributionService {

    private final ChainService chains;
    private final FrameworkService framework;
    private final ObjectiveService objectives;
    private final EvidenceService evidence;
    private final AccessPolicy access;
    private final ContributionRepository repository;
    private final Revisions revisions;

    ContributionService(ChainService chains, FrameworkService framework, ObjectiveService objectives,
            EvidenceService evidence, AccessPolicy access, ContributionRepository repository, Revisions revisions) {
        this.chains = chains;
        this.framework = framework;
        this.objectives = objectives;
        this.evidence = evidence;
        this.access = access;
        this.repository = repository;
        this.revisions = revisions;
    }

    /** Each effect of the chain with its analysis, written or not. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<Contribution> contributions(long evaluationId) {
        ValueChain chain = chains.chain(evaluationId);
        Map<Long, ContributionRepository.Row> written = repository.contributions(chain.evaluation().structureId(),
                evaluationId).stream().collect(Collectors.toMap(ContributionRepository.Row::effectId,
                        Function.identity()));
        List<IndicatorResults> results = framework.results(evaluationId, PeriodType.YEAR);
        Map<Long, IndicatorLinks> links = objectives.overview(evaluationId).indicatorLinks().stream()
                .collect(Collectors.toMap(IndicatorLinks::indicatorId, Function.identity()));
        var allEvidence = evidence.evidence(evaluationId);
        List<Contribution> contributions = new ArrayList<>();
        for (ChainElement effect : chain.elements(ElementKind.EFFECT)) {
            List<ChainElement> path = path(chain, effect);
            Set<Long> around = new HashSet<>();
            around.add(effect.id());
            path.stream().filter(element -> element.kind() == ElementKind.OUTPUT).forEach(output -> around.add(output.id()));
            List<IndicatorResults> indicators = results.stream().filter(result -> links.containsKey(
                    result.indicator().id()) && links.get(result.indicator().id()).elementIds().stream()
                            .anyMatch(around::contains)).toList();
            ContributionRepository.Row row = written.get(effect.id());
            contributions.add(new Contribution(effect, row == null ? null : row.claim(),
                    row == null ? null : row.otherFactors(), row == null ? null : Strength.valueOf(row.strength()),
                    row == null ? null : row.strengthReason(), path, indicators, allEvidence.stream()
                            .filter(item -> item.effectIds().contains(effect.id())).toList(),
                    row == null ? 0 : row.version()));
        }
        return contributions;
    }

    /** Writes an effect's analysis, whatever was saved before (imports, demo data). */
    @Transactional
    public void save(long evaluationId, long effectId, ContributionDraft draft) {
        save(evaluationId, effectId, draft, null);
    }

    /**
     * Writes an effect's analysis over {@code version}, the one its author read (0: none written
     * yet): a {@link ConcurrentEditException} carrying the stored {@link ContributionDraft} when
     * someone saved it meanwhile ({@code null}: not checked).
     */
    @Transactional
    public void save(long evaluationId, long effectId, ContributionDraft draft, @Nullable Integer version) {
        ValueChain chain = chains.chain(evaluationId);
        access.requireStructureRole(chain.evaluation().structureId(), Role.STRUCTURE_EDITOR);
        if (chain.element(effectId).filter(element -> element.kind() == ElementKind.EFFECT).isEmpty()) {
            throw new NotFoundException("chain.element.notFound", effectId);
        }
        List<Violation> violations = new ArrayList<>();
        String claim = text(draft.claim(), 2000, "claim", violations);
        if (claim == null) {
            violations.add(new Violation("claim", "restitution.contribution.claim.required"));
        }
        if (draft.strength() == null) {
            violations.add(new Violation("strength", "restitution.contribution.strength.required"));
        }
        String factors = text(draft.otherFactors(), 4000, "otherFactors", violations);
        String reason = text(draft.strengthReason(), 2000, "strengthReason", violations);
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        long structureId = chain.evaluation().structureId();
        if (!repository.save(structureId, evaluationId, effectId, new ContributionDraft(claim, factors,
                draft.strength(), reason), revisions.edit(version, access.currentUserId()))) {
            var stored = repository.stored(structureId, evaluationId, effectId);
            Revision current = stored.map(now -> revisions.revision(now.row().version(), now.updatedBy(),
                    now.updatedAt())).orElse(new Revision(0, null, null));
            throw new ConcurrentEditException(current, stored.map(now -> new ContributionDraft(now.row().claim(),
                    now.row().otherFactors(), Strength.valueOf(now.row().strength()), now.row().strengthReason()))
                    .orElse(new ContributionDraft(null, null, null, null)));
        }
    }

    /**
     * The elements from which the chain's links lead to the effect (outputs, activities, resources;
     * not the effects that renew a resource), ordered from the resources to the effect: resources,
     * support activities, primary activities, outputs, each in the chain's order. An element that no
     * link leads from to the effect is not on its path, whatever its kind.
     */
    static List<ChainElement> path(ValueChain chain, ChainElement effect) {
        Map<Long, ChainElement> elements = chain.elements().stream()
                .collect(Collectors.toMap(ChainElement::id, Function.identity()));
        Set<Long> seen = new HashSet<>(Set.of(effect.id()));
        Deque<Long> queue = new ArrayDeque<>(List.of(effect.id()));
        while (!queue.isEmpty()) {
            long target = queue.poll();
            for (Link link : chain.links()) {
                ChainElement source = elements.get(link.sourceId());
                if (link.targetId() == target && source != null && source.kind() != ElementKind.EFFECT
                        && seen.add(source.id())) {
                    queue.add(source.id());
                }
            }
        }
        return chain.elements().stream().filter(element -> element.id() != effect.id() && seen.contains(element.id()))
                .sorted(Comparator.comparingInt(Contribution::stage)).toList();
    }

    private static @Nullable String text(@Nullable String text, int max, String field, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() > max || Texts.hasControlCharacters(stripped)) {
            violations.add(new Violation(field, "restitution.text.invalid", max));
        }
        return stripped;
    }
}
