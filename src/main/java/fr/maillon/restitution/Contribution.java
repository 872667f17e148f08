package fr.maillon.restitution;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.ChainElement;
import fr.maillon.evidence.Evidence;
import fr.maillon.framework.IndicatorResults;

/**
 * The contribution analysis of an effect: the claim (if written), the elements of the chain whose
 * links lead to it (from the resources to the effect), the indicators attached to it or to those elements, the testimonies that illustrate
 * it, the other factors that could explain the change, and the strength of the evidence; its
 * version (0 while none was written), for the form that edits it.
 */
public record Contribution(ChainElement effect, @Nullable String claim, @Nullable String otherFactors,
        @Nullable Strength strength, @Nullable String strengthReason, List<ChainElement> path,
        List<IndicatorResults> indicators, List<Evidence> evidence, int version) {

    public boolean written() {
        return claim != null;
    }

    /** A stage of the path: its name's message key and its elements. */
    public record Step(String stage, List<ChainElement> elements) {
    }

    private static final List<String> STAGES = List.of("chain.kind.RESOURCE.plural", "chain.diagram.support",
            "chain.diagram.primary", "chain.kind.OUTPUT.plural");

    /** The path by stage, from the resources to the effect; stages with no element are left out. */
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (int stage = 0; stage < STAGES.size(); stage++) {
            int current = stage;
            List<ChainElement> elements = path.stream().filter(element -> stage(element) == current).toList();
            if (!elements.isEmpty()) {
                steps.add(new Step(STAGES.get(stage), elements));
            }
        }
        return steps;
    }

    /** Where an element stands from the resources (0) to the outputs (3). */
    static int stage(ChainElement element) {
        return switch (element.kind()) {
            case RESOURCE -> 0;
            case ACTIVITY -> element.isSupportActivity() ? 1 : 2;
            case OUTPUT -> 3;
            case EFFECT -> 4;
        };
    }
}
