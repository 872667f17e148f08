package fr.maillon.chain;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What the evaluation form or API sends; the service checks every rule. A blank target name, or one equal to the
 * default name of the structure's kind, is kept as null: the target keeps its default name, in each language. A
 * blank framing text is kept as null.
 */
public record EvaluationDraft(@Nullable String title, @Nullable EvaluationScope scope, @Nullable String actionName,
        @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd, @Nullable EvaluationStatus status,
        @Nullable String targetNameHabitants, @Nullable String targetNameTerritoire,
        @Nullable String targetNameCommunauteAction, @Nullable String purpose, @Nullable String audiences,
        @Nullable String means, @Nullable String steering) {

    /** The longest framing text (purpose, audiences, means, steering), in characters. */
    public static final int FRAMING_MAX_LENGTH = 2000;

    /** A draft without framing texts. */
    public EvaluationDraft(@Nullable String title, @Nullable EvaluationScope scope, @Nullable String actionName,
            @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd, @Nullable EvaluationStatus status,
            @Nullable String targetNameHabitants, @Nullable String targetNameTerritoire,
            @Nullable String targetNameCommunauteAction) {
        this(title, scope, actionName, periodStart, periodEnd, status, targetNameHabitants, targetNameTerritoire,
                targetNameCommunauteAction, null, null, null, null);
    }

    /** A draft whose targets keep their default names. */
    public EvaluationDraft(@Nullable String title, @Nullable EvaluationScope scope, @Nullable String actionName,
            @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd, @Nullable EvaluationStatus status) {
        this(title, scope, actionName, periodStart, periodEnd, status, null, null, null, null, null, null, null);
    }

    public @Nullable String targetName(EffectTarget target) {
        return switch (target) {
            case HABITANTS -> targetNameHabitants;
            case TERRITOIRE -> targetNameTerritoire;
            case COMMUNAUTE_ACTION -> targetNameCommunauteAction;
        };
    }
}
