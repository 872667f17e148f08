package fr.maillon.chain.web;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.Interaction;
import fr.maillon.chain.InteractionDraft;

public record InteractionForm(@Nullable Long stakeholderId, @Nullable Long activityId, @Nullable String cost,
        @Nullable BigDecimal costQuantity, @Nullable String costUnit, @Nullable BigDecimal costValueEur,
        @Nullable String benefit, @Nullable BigDecimal benefitQuantity, @Nullable String benefitUnit,
        @Nullable BigDecimal benefitValueEur, @Nullable Integer version) {

    public static InteractionForm empty() {
        return new InteractionForm(null, null, "", null, "", null, "", null, "", null, null);
    }

    public static InteractionForm of(Interaction interaction) {
        return new InteractionForm(interaction.stakeholderId(), interaction.activityId(), interaction.cost(),
                interaction.costQuantity(), interaction.costUnit(), interaction.costValueEur(), interaction.benefit(),
                interaction.benefitQuantity(), interaction.benefitUnit(), interaction.benefitValueEur(), interaction.version());
    }

    public InteractionDraft toDraft() {
        return new InteractionDraft(stakeholderId, activityId, cost, costQuantity, costUnit, costValueEur, benefit,
                benefitQuantity, benefitUnit, benefitValueEur);
    }
}
