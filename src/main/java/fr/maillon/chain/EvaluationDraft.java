package fr.maillon.chain;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** What the evaluation form or API sends; the service checks every rule. */
public record EvaluationDraft(@Nullable String title, @Nullable EvaluationScope scope, @Nullable String actionName,
        @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd, @Nullable EvaluationStatus status) {
}
