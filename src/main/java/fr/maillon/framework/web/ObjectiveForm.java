package fr.maillon.framework.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.EffectTarget;
import fr.maillon.framework.Objective;
import fr.maillon.framework.ObjectiveDraft;

public record ObjectiveForm(@Nullable EffectTarget target, @Nullable String title, @Nullable String description,
        @Nullable List<Long> effectIds, @Nullable Integer version) {

    public static ObjectiveForm empty() {
        return new ObjectiveForm(EffectTarget.HABITANTS, "", "", List.of(), null);
    }

    public static ObjectiveForm of(Objective objective) {
        return new ObjectiveForm(objective.target(), objective.title(), objective.description(), objective.effectIds(), objective.version());
    }

    public ObjectiveDraft toDraft() {
        return new ObjectiveDraft(target, title, description, effectIds);
    }
}
