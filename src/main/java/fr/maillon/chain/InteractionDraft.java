package fr.maillon.chain;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

public record InteractionDraft(@Nullable Long stakeholderId, @Nullable Long activityId, @Nullable String cost,
        @Nullable BigDecimal costQuantity, @Nullable String costUnit, @Nullable BigDecimal costValueEur,
        @Nullable String benefit, @Nullable BigDecimal benefitQuantity, @Nullable String benefitUnit,
        @Nullable BigDecimal benefitValueEur) {
}
