package fr.maillon.chain;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One structure's evaluation of its projet social or of one action, over a period; {@code version} is raised by each
 * save; {@code previousEvaluationId} names the evaluation it was started from as its next cycle, if any. The three
 * {@code targetName…} are the names its editors gave its effect targets, null where they kept the default name of
 * the structure's kind (see {@link TargetNames}). The four framing texts (the method's "Cadrer": why evaluate, for
 * whom, with what means, who steers) are null until written.
 */
public record Evaluation(long id, long structureId, String title, EvaluationScope scope, @Nullable String actionName,
        LocalDate periodStart, LocalDate periodEnd, EvaluationStatus status, int version,
        @Nullable Long previousEvaluationId, @Nullable String targetNameHabitants,
        @Nullable String targetNameTerritoire, @Nullable String targetNameCommunauteAction,
        @Nullable String purpose, @Nullable String audiences, @Nullable String means, @Nullable String steering) {

    public Evaluation(long id, long structureId, String title, EvaluationScope scope, @Nullable String actionName,
            LocalDate periodStart, LocalDate periodEnd, EvaluationStatus status, int version,
            @Nullable Long previousEvaluationId, @Nullable String targetNameHabitants,
            @Nullable String targetNameTerritoire, @Nullable String targetNameCommunauteAction) {
        this(id, structureId, title, scope, actionName, periodStart, periodEnd, status, version, previousEvaluationId,
                targetNameHabitants, targetNameTerritoire, targetNameCommunauteAction, null, null, null, null);
    }

    public Evaluation(long id, long structureId, String title, EvaluationScope scope, @Nullable String actionName,
            LocalDate periodStart, LocalDate periodEnd, EvaluationStatus status, int version,
            @Nullable Long previousEvaluationId) {
        this(id, structureId, title, scope, actionName, periodStart, periodEnd, status, version, previousEvaluationId,
                null, null, null, null, null, null, null);
    }

    /** The name its editors gave this target, or null when it keeps its default name. */
    public @Nullable String targetName(EffectTarget target) {
        return switch (target) {
            case HABITANTS -> targetNameHabitants;
            case TERRITOIRE -> targetNameTerritoire;
            case COMMUNAUTE_ACTION -> targetNameCommunauteAction;
        };
    }

    /** Whether the framing says why the evaluation is done and who steers it: the step "Cadrer" is then done. */
    public boolean framed() {
        return purpose != null && steering != null;
    }
}
