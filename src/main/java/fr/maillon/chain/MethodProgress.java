package fr.maillon.chain;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** An evaluation's path through the method: each of the six steps, in order. */
public record MethodProgress(long evaluationId, List<StepProgress> steps) {

    public MethodProgress {
        steps = List.copyOf(steps);
    }

    /** The first step not done: where the structure stands ({@code null} once every step is done). */
    public @Nullable MethodStep current() {
        return steps.stream().filter(step -> step.state() != StepState.DONE).map(StepProgress::step).findFirst()
                .orElse(null);
    }

    public long doneCount() {
        return steps.stream().filter(step -> step.state() == StepState.DONE).count();
    }
}
