package fr.maillon.survey;

import org.jspecify.annotations.Nullable;

/** An indicator fed by a survey question, optionally broken down by another question's answers. */
public record Feed(long indicatorId, long surveyId, long questionId, Statistic statistic, @Nullable String choiceCode,
        @Nullable Long breakdownQuestionId) {
}
