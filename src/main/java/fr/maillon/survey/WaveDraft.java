package fr.maillon.survey;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** A wave: its label, the first and last days it takes answers (both optional), and the period it reports for. */
public record WaveDraft(@Nullable String label, @Nullable LocalDate opensOn, @Nullable LocalDate closesOn,
        @Nullable String period) {
}
