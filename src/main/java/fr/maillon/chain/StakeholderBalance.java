package fr.maillon.chain;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a stakeholder brings (its costs) and what it gets (its benefits) across all its interactions:
 * the descriptions, the quantities summed by unit, and the € values summed.
 */
public record StakeholderBalance(Stakeholder stakeholder, int interactions, List<String> brings,
        List<Amount> bringsAmounts, BigDecimal bringsEur, List<String> gets, List<Amount> getsAmounts,
        BigDecimal getsEur) {

    public BigDecimal netEur() {
        return getsEur.subtract(bringsEur);
    }
}
