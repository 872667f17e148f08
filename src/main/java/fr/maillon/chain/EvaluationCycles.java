package fr.maillon.chain;

import org.jspecify.annotations.Nullable;

/** The evaluation an evaluation was started from, and the one started from it, each when the caller may read it. */
public record EvaluationCycles(@Nullable Evaluation previous, @Nullable Evaluation next) {
}
