package fr.maillon.chain;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One step of the method for one evaluation: its state, what is done (sentences with counts), the one action that
 * does its next thing ({@code null} when the step has nothing left to offer), and the day it was done when known.
 */
public record StepProgress(MethodStep step, StepState state, List<StepText> done, @Nullable StepAction next,
        @Nullable LocalDate doneOn) {

    public StepProgress {
        done = List.copyOf(done);
    }

    /** The primary action of a step: its label and the path of the page that does it. */
    public record StepAction(StepText label, String path) {
    }
}
