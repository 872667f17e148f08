package fr.maillon.chain;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/** What an element form or API call sends; the service keeps only the parts of its kind. */
public record ChainElementDraft(@Nullable ElementKind kind, @Nullable String name, @Nullable String description,
        @Nullable ResourceKind resourceKind, @Nullable Long providerId, @Nullable BigDecimal quantity,
        @Nullable String unit, @Nullable BigDecimal valueEur, @Nullable ActivityType activityType,
        @Nullable SupportCategory supportCategory, @Nullable EffectTarget target, @Nullable Long dimensionId) {

    public static ChainElementDraft named(ElementKind kind, String name) {
        return new ChainElementDraft(kind, name, null, null, null, null, null, null, null, null, null, null);
    }
}
