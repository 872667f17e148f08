package fr.maillon.network;

import java.util.Map;

/**
 * Where each structure's dossier d'agrément stands, for the agrément calendar: supplied by the module that builds the
 * files ({@code agrement}, which sits above this one and implements this interface), so that the calendar shows
 * whether each file is complete and links to it without this module knowing what a file holds.
 */
public interface CalendarFiles {

    /**
     * For each structure of the calendar (by id) whose latest shared projet social has a file: that evaluation and
     * how many parts of its file are left to complete. The caller built the calendar, so she is a network member.
     */
    Map<Long, CalendarFile> files(AgrementCalendar calendar);

    /** A structure's file on the calendar: its evaluation, and the number of its parts still to complete. */
    record CalendarFile(long evaluationId, int toComplete) {

        public boolean complete() {
            return toComplete == 0;
        }
    }
}
