package fr.maillon.chain.web;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;

import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.chain.TargetNames;

/**
 * The evaluation form; its three target names are shown filled, with the kind's defaults when not renamed; its four
 * framing texts (why, for whom, with what means, who steers) are optional.
 */
public record EvaluationForm(@Nullable String title, @Nullable EvaluationScope scope, @Nullable String actionName,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate periodStart,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate periodEnd,
        @Nullable EvaluationStatus status, @Nullable Integer version, @Nullable String targetNameHabitants,
        @Nullable String targetNameTerritoire, @Nullable String targetNameCommunauteAction, @Nullable String purpose,
        @Nullable String audiences, @Nullable String means, @Nullable String steering) {

    /** A new evaluation's form, its targets named as the structure's kind names them. */
    public static EvaluationForm empty(TargetNames defaults) {
        return new EvaluationForm("", EvaluationScope.PROJET_SOCIAL, "", null, null, EvaluationStatus.FRAMING, null,
                defaults.label(EffectTarget.HABITANTS), defaults.label(EffectTarget.TERRITOIRE),
                defaults.label(EffectTarget.COMMUNAUTE_ACTION), "", "", "", "");
    }

    public static EvaluationForm of(Evaluation evaluation, TargetNames names) {
        return new EvaluationForm(evaluation.title(), evaluation.scope(), evaluation.actionName(),
                evaluation.periodStart(), evaluation.periodEnd(), evaluation.status(), evaluation.version(),
                names.label(EffectTarget.HABITANTS), names.label(EffectTarget.TERRITOIRE),
                names.label(EffectTarget.COMMUNAUTE_ACTION), evaluation.purpose(), evaluation.audiences(),
                evaluation.means(), evaluation.steering());
    }

    public EvaluationDraft toDraft() {
        return new EvaluationDraft(title, scope, actionName, periodStart, periodEnd, status, targetNameHabitants,
                targetNameTerritoire, targetNameCommunauteAction, purpose, audiences, means, steering);
    }
}
