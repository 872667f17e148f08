package fr.maillon.framework.web;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainElementNotFoundException;
import fr.maillon.chain.ChainService;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.ProvenanceService;
import fr.maillon.chain.ValueChain;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorLinks;
import fr.maillon.framework.ObjectiveService;

/**
 * A chain element's read-only page, where a box of the diagram leads whoever may not change the
 * chain (a viewer, a federation or CAF it was shared with): its kind, its text, its links, the
 * indicators attached to it and where it came from; no form. Its editors find a link to their form.
 */
@Controller
class ElementPageController {

    private final ChainService chains;
    private final EvaluationService evaluations;
    private final ProvenanceService provenances;
    private final ObjectiveService objectives;
    private final FrameworkService frameworks;

    ElementPageController(ChainService chains, EvaluationService evaluations, ProvenanceService provenances,
            ObjectiveService objectives, FrameworkService frameworks) {
        this.chains = chains;
        this.evaluations = evaluations;
        this.provenances = provenances;
        this.objectives = objectives;
        this.frameworks = frameworks;
    }

    @GetMapping("/evaluations/{evaluationId}/elements/{elementId}")
    String show(@PathVariable long evaluationId, @PathVariable long elementId, Model model) {
        ValueChain chain = chains.chain(evaluationId);
        ChainElement element = chain.element(elementId).orElseThrow(() -> new ChainElementNotFoundException(elementId));
        Set<Long> attached = objectives.overview(evaluationId).indicatorLinks().stream()
                .filter(links -> links.elementIds().contains(elementId)).map(IndicatorLinks::indicatorId)
                .collect(Collectors.toSet());
        model.addAttribute("chain", chain);
        model.addAttribute("element", element);
        model.addAttribute("incoming", chain.links().stream().filter(link -> link.targetId() == elementId).toList());
        model.addAttribute("outgoing", chain.links().stream().filter(link -> link.sourceId() == elementId).toList());
        model.addAttribute("interactions", chain.interactions().stream()
                .filter(interaction -> interaction.activityId() == elementId).toList());
        model.addAttribute("indicators", attached.isEmpty() ? List.of() : frameworks.indicators(evaluationId).stream()
                .filter(indicator -> attached.contains(indicator.id())).toList());
        model.addAttribute("provenance", provenances.provenance(evaluationId, LocaleContextHolder.getLocale())
                .element(elementId));
        model.addAttribute("targets", evaluations.targetNames(evaluationId, LocaleContextHolder.getLocale()));
        model.addAttribute("canEdit", chains.canEdit(chain.evaluation()));
        return "framework/element";
    }
}
