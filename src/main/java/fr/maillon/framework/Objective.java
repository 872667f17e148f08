package fr.maillon.framework;

import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.EffectTarget;

/** A transformation objective for one target, and the effects of the chain it aims at. */
public record Objective(long id, long evaluationId, EffectTarget target, String title, @Nullable String description,
        int position, List<Long> effectIds, int version) {
}
