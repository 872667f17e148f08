package fr.maillon.network;

import java.time.LocalDate;

/** A programme's shared milestone: the step each structure of the cohort should have reached by a date. */
public record ProgrammeMilestone(long id, String label, ProgressStep step, LocalDate dueOn) {
}
