package fr.maillon.survey;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** What the question form or the API sends; choices only for single and multiple choice questions. */
public record QuestionDraft(@Nullable Long sectionId, @Nullable String code, @Nullable QuestionKind kind,
        @Nullable String label, @Nullable String labelEn, @Nullable String hint, @Nullable String hintEn,
        @Nullable Boolean required, @Nullable Boolean personalData, @Nullable BigDecimal minimum,
        @Nullable BigDecimal maximum, @Nullable Long conditionQuestionId, @Nullable List<String> conditionValues,
        @Nullable List<Choice> choices) {
}
