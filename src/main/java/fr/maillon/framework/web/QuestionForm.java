package fr.maillon.framework.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.framework.EvaluativeQuestion;
import fr.maillon.framework.QuestionDraft;

public record QuestionForm(@Nullable Long criterionId, @Nullable String text, @Nullable List<Long> objectiveIds, @Nullable Integer version) {

    public static QuestionForm empty() {
        return new QuestionForm(null, "", List.of(), null);
    }

    public static QuestionForm of(EvaluativeQuestion question) {
        return new QuestionForm(question.criterionId(), question.text(), question.objectiveIds(), question.version());
    }

    public QuestionDraft toDraft() {
        return new QuestionDraft(criterionId, text, objectiveIds);
    }
}
