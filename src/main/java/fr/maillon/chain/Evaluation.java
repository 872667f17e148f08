package fr.maillon.chain;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One structure's evaluation of its projet social or of one action, over a period; {@code version} is raised by each
 * save; {@code previousEvaluationId} names the evaluation it was started from as its next cycle, if any.
 */
public record Evaluation(long id, long structureId, String title, EvaluationScope scope, @Nullable String actionName,
        LocalDate periodStart, LocalDate periodEnd, EvaluationStatus status, int version,
        @Nullable Long previousEvaluationId) {
}
