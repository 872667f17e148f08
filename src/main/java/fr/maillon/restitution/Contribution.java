package fr.maillon.restitution;

import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.ChainElement;
import fr.maillon.evidence.Evidence;
import fr.maillon.framework.IndicatorResults;

/**
 * The contribution analysis of an effect: the claim (if written), the elements of the chain that
 * lead to it, the indicators attached to it or to those elements, the testimonies that illustrate
 * it, the other factors that could explain the change, and the strength of the evidence; its
 * version (0 while none was written), for the form that edits it.
 */
public record Contribution(ChainElement effect, @Nullable String claim, @Nullable String otherFactors,
        @Nullable Strength strength, @Nullable String strengthReason, List<ChainElement> path,
        List<IndicatorResults> indicators, List<Evidence> evidence, int version) {

    public boolean written() {
        return claim != null;
    }
}
