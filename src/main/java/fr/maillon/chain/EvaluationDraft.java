package fr.maillon.chain;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What the evaluation form or API sends; the service checks every rule. A blank target name, or one equal to the
 * default name of the structure's kind, is kept as null: the target keeps its default name, in each language.
 */
public record EvaluationDraft(@Nullable String title, @Nullable EvaluationScope scope, @Nullable String actionName,
        @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd, @Nullable EvaluationStatus status,
        @Nullable String targetNameHabitants, @Nullable String targetNameTerritoire,
        @Nullable String targetNameCommunauteAction) {

    /** A draft whose targets keep their default names. */
    public EvaluationDraft(@Nullable String title, @Nullable EvaluationScope scope, @Nullable String actionName,
            @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd, @Nullable EvaluationStatus status) {
        this(title, scope, actionName, periodStart, periodEnd, status, null, null, null);
    }

    public @Nullable String targetName(EffectTarget target) {
        return switch (target) {
            case HABITANTS -> targetNameHabitants;
            case TERRITOIRE -> targetNameTerritoire;
            case COMMUNAUTE_ACTION -> targetNameCommunauteAction;
        };
    }
}
