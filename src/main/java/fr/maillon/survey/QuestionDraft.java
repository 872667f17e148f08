package fr.maillon.survey;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the question form or the API sends; choices only for single and multiple choice questions.
 * Expressions ({@code relevant}, {@code constraint}) in XLSForm syntax: {@code ${code}} for another
 * question, {@code .} for this one.
 */
public record QuestionDraft(@Nullable Long sectionId, @Nullable String code, @Nullable QuestionKind kind,
        @Nullable String label, @Nullable String labelEn, @Nullable String hint, @Nullable String hintEn,
        @Nullable Boolean required, @Nullable Boolean personalData, @Nullable BigDecimal minimum,
        @Nullable BigDecimal maximum, @Nullable Long conditionQuestionId, @Nullable List<String> conditionValues,
        @Nullable List<Choice> choices, @Nullable String relevant, @Nullable String constraint,
        @Nullable String constraintMessage, @Nullable String constraintMessageEn, @Nullable Boolean orOther) {

    /** A draft without expressions. */
    public QuestionDraft(@Nullable Long sectionId, @Nullable String code, @Nullable QuestionKind kind,
            @Nullable String label, @Nullable String labelEn, @Nullable String hint, @Nullable String hintEn,
            @Nullable Boolean required, @Nullable Boolean personalData, @Nullable BigDecimal minimum,
            @Nullable BigDecimal maximum, @Nullable Long conditionQuestionId, @Nullable List<String> conditionValues,
            @Nullable List<Choice> choices) {
        this(sectionId, code, kind, label, labelEn, hint, hintEn, required, personalData, minimum, maximum,
                conditionQuestionId, conditionValues, choices, null, null, null, null, null);
    }
}
