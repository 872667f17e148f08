package fr.maillon.framework;

import java.time.LocalDate;

/** A period the structure names inside its evaluation's dates: a school year, a survey wave... */
public record CustomPeriod(long id, String label, LocalDate start, LocalDate end) {

    public Period period() {
        return Period.custom(start, end);
    }
}
