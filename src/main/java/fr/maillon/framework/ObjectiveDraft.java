package fr.maillon.framework;

import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.EffectTarget;

public record ObjectiveDraft(@Nullable EffectTarget target, @Nullable String title, @Nullable String description,
        @Nullable List<Long> effectIds) {
}
