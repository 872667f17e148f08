package fr.maillon.framework.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.framework.EvaluativeQuestion;
import fr.maillon.framework.QuestionDraft;

public record QuestionForm(@Nullable Long criterionId, @Nullable String text, @Nullable List<Long> objectiveIds) {

    public static QuestionForm empty() {
        return new QuestionForm(null, "", List.of());
    }

    public static QuestionForm of(EvaluativeQuestion question) {
        return new QuestionForm(question.criterionId(), question.text(), question.objectiveIds());
    }

    public QuestionDraft toDraft() {
        return new QuestionDraft(criterionId, text, objectiveIds);
    }
}
