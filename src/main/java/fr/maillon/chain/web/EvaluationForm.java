package fr.maillon.chain.web;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationStatus;

public record EvaluationForm(@Nullable String title, @Nullable EvaluationScope scope, @Nullable String actionName,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate periodStart,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate periodEnd,
        @Nullable EvaluationStatus status, @Nullable Integer version) {

    public static EvaluationForm empty() {
        return new EvaluationForm("", EvaluationScope.PROJET_SOCIAL, "", null, null, EvaluationStatus.FRAMING, null);
    }

    public static EvaluationForm of(Evaluation evaluation) {
        return new EvaluationForm(evaluation.title(), evaluation.scope(), evaluation.actionName(),
                evaluation.periodStart(), evaluation.periodEnd(), evaluation.status(), evaluation.version());
    }

    public EvaluationDraft toDraft() {
        return new EvaluationDraft(title, scope, actionName, periodStart, periodEnd, status);
    }
}
