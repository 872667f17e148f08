package fr.maillon.survey;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One collection of a survey (before, after...): its public link's token, its dates, and the period it reports for. */
public record Wave(long id, long surveyId, String label, String token, @Nullable Instant opensAt,
        @Nullable Instant closesAt, String period, int position) {

    public boolean openAt(Instant now) {
        return (opensAt == null || !now.isBefore(opensAt)) && (closesAt == null || now.isBefore(closesAt));
    }
}
