package fr.maillon.web;

import java.time.LocalDate;

/** Dates people can mean in this domain; PostgreSQL refuses some that Java accepts (year 9999999). */
public final class Dates {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2200, 12, 31);

    private Dates() {
    }

    public static boolean isPlausible(LocalDate date) {
        return !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
    }
}
