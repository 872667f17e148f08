package fr.maillon.survey;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** One collection of a survey (before, after...): its public link's token, its dates, and the period it reports for. */
public record Wave(long id, long surveyId, String label, String token, @Nullable Instant opensAt,
        @Nullable Instant closesAt, String period, int position) {

    /** The first day it takes answers, in France. */
    public @Nullable LocalDate firstDay() {
        return opensAt == null ? null : LocalDate.ofInstant(opensAt, SurveyService.ZONE);
    }

    /** The last day it takes answers, in France. */
    public @Nullable LocalDate lastDay() {
        return closesAt == null ? null : LocalDate.ofInstant(closesAt.minusSeconds(1), SurveyService.ZONE);
    }

    public boolean openAt(Instant now) {
        return (opensAt == null || !now.isBefore(opensAt)) && (closesAt == null || now.isBefore(closesAt));
    }
}
