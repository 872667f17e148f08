package fr.maillon.chain;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A resource, an activity, an output or an effect. Kind-specific parts are null for other kinds:
 * a resource has its kind, provider, quantity, unit and € value; an activity its type and support
 * category; an effect its target and dimension.
 */
public record ChainElement(long id, long evaluationId, ElementKind kind, String name, @Nullable String description,
        int position, @Nullable ResourceKind resourceKind, @Nullable Long providerId, @Nullable BigDecimal quantity,
        @Nullable String unit, @Nullable BigDecimal valueEur, @Nullable ActivityType activityType,
        @Nullable SupportCategory supportCategory, @Nullable EffectTarget target, @Nullable Long dimensionId,
        int version) {

    public boolean isSupportActivity() {
        return activityType == ActivityType.SUPPORT;
    }
}
