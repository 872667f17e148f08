package fr.maillon.chain.web;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.ActivityType;
import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.ElementKind;
import fr.maillon.chain.ResourceKind;
import fr.maillon.chain.SupportCategory;

/** One form for every kind of element; the page shows the fields of its kind. */
public record ElementForm(@Nullable String name, @Nullable String description, @Nullable ResourceKind resourceKind,
        @Nullable Long providerId, @Nullable BigDecimal quantity, @Nullable String unit, @Nullable BigDecimal valueEur,
        @Nullable ActivityType activityType, @Nullable SupportCategory supportCategory, @Nullable EffectTarget target,
        @Nullable Long dimensionId, @Nullable Integer version) {

    public static ElementForm empty() {
        return new ElementForm("", "", null, null, null, "", null, null, null, null, null, null);
    }

    public static ElementForm of(ChainElement element) {
        return new ElementForm(element.name(), element.description(), element.resourceKind(), element.providerId(),
                element.quantity(), element.unit(), element.valueEur(), element.activityType(),
                element.supportCategory(), element.target(), element.dimensionId(), element.version());
    }

    public ChainElementDraft toDraft(ElementKind kind) {
        return new ChainElementDraft(kind, name, description, resourceKind, providerId, quantity, unit, valueEur,
                activityType, supportCategory, target, dimensionId);
    }
}
