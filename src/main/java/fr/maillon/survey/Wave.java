package fr.maillon.survey;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

/**
 * One collection of a survey (before, after...): its public link's token, its dates, the period it
 * reports for, and its version (raised by each save, for optimistic locking).
 */
public record Wave(long id, long surveyId, String label, String token, @Nullable Instant opensAt,
        @Nullable Instant closesAt, String period, int position, int version) {

    /** The first day it takes answers, in the given zone (the application's: {@code #zone} in templates). */
    public @Nullable LocalDate firstDay(ZoneId zone) {
        return opensAt == null ? null : LocalDate.ofInstant(opensAt, zone);
    }

    /** The last day it takes answers, in the given zone (the application's: {@code #zone} in templates). */
    public @Nullable LocalDate lastDay(ZoneId zone) {
        return closesAt == null ? null : LocalDate.ofInstant(closesAt.minusSeconds(1), zone);
    }

    public boolean openAt(Instant now) {
        return (opensAt == null || !now.isBefore(opensAt)) && (closesAt == null || now.isBefore(closesAt));
    }
}
