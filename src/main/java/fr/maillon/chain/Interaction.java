package fr.maillon.chain;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/** A stakeholder's part in an activity: what it brings (its cost) and what it gets (its benefit). */
public record Interaction(long id, long evaluationId, long stakeholderId, long activityId, String cost,
        @Nullable BigDecimal costQuantity, @Nullable String costUnit, @Nullable BigDecimal costValueEur,
        String benefit, @Nullable BigDecimal benefitQuantity, @Nullable String benefitUnit,
        @Nullable BigDecimal benefitValueEur, int position, int version) {
}
