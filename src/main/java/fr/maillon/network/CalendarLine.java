package fr.maillon.network;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A structure's agrément renewal: the milestones' dates, whether each is reached and whether the
 * evaluation is behind it, the next one, and its latest shared evaluation.
 */
public record CalendarLine(TerritoryStructure structure, LocalDate agrementEnd, List<Step> steps,
        @Nullable SharedEvaluation evaluation) {

    public record Step(Milestone milestone, LocalDate date, boolean reached, boolean late) {
    }

    public @Nullable Step next() {
        return steps.stream().filter(step -> !step.reached()).findFirst().orElse(null);
    }

    public boolean late() {
        return steps.stream().anyMatch(Step::late);
    }
}
