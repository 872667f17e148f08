package fr.maillon.chain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.maillon.chain.StepProgress.StepAction;

/**
 * An evaluation's path through the method's six steps, from what each module reports (one query each): for the
 * evaluation's page, and for a network's page that follows its structures through the method.
 */
@Service
public class MethodPathService {

    private final EvaluationService evaluations;
    private final List<MethodStepSource> sources;

    MethodPathService(EvaluationService evaluations, List<MethodStepSource> sources) {
        this.evaluations = evaluations;
        this.sources = sources.stream().sorted(Comparator.comparingInt(MethodStepSource::rank)).toList();
    }

    /** The path of an evaluation the caller may read (404 otherwise). */
    @Transactional(readOnly = true)
    public MethodProgress progress(long evaluationId) {
        return progress(evaluations.evaluation(evaluationId));
    }

    private MethodProgress progress(Evaluation evaluation) {
        Map<MethodStep, List<StepProgress>> reports = new EnumMap<>(MethodStep.class);
        for (MethodStepSource source : sources) {
            for (StepProgress report : source.progress(evaluation)) {
                reports.computeIfAbsent(report.step(), step -> new ArrayList<>()).add(report);
            }
        }
        List<StepProgress> steps = new ArrayList<>();
        for (MethodStep step : MethodStep.values()) {
            steps.add(combine(step, reports.getOrDefault(step, List.of())));
        }
        return new MethodProgress(evaluation.id(), steps);
    }

    /** The reports of several modules on one step, as one: see {@link MethodStep} for when it is done. */
    static StepProgress combine(MethodStep step, List<StepProgress> reports) {
        if (reports.isEmpty()) {
            return new StepProgress(step, StepState.TODO, List.of(), null, null);
        }
        StepState state = step.doneByAnyMeans() ? best(reports) : worst(reports);
        List<StepText> done = reports.stream().flatMap(report -> report.done().stream()).toList();
        StepAction next = reports.stream().filter(report -> report.state() != StepState.DONE)
                .map(StepProgress::next).filter(Objects::nonNull).findFirst()
                .orElseGet(() -> reports.stream().map(StepProgress::next).filter(Objects::nonNull).findFirst()
                        .orElse(null));
        return new StepProgress(step, state, done, next, state == StepState.DONE ? doneOn(step, reports) : null);
    }

    private static StepState best(List<StepProgress> reports) {
        return reports.stream().map(StepProgress::state).min(Comparator.naturalOrder()).orElse(StepState.TODO);
    }

    private static StepState worst(List<StepProgress> reports) {
        if (reports.stream().allMatch(report -> report.state() == StepState.DONE)) {
            return StepState.DONE;
        }
        if (reports.stream().allMatch(report -> report.state() == StepState.TODO)) {
            return StepState.TODO;
        }
        return StepState.STARTED;
    }

    /** Done by any means: the first day one of them was; otherwise the day the last of them was, if all are known. */
    private static @Nullable LocalDate doneOn(MethodStep step, List<StepProgress> reports) {
        List<StepProgress> done = reports.stream().filter(report -> report.state() == StepState.DONE).toList();
        if (step.doneByAnyMeans()) {
            return done.stream().map(StepProgress::doneOn).filter(Objects::nonNull).min(Comparator.naturalOrder())
                    .orElse(null);
        }
        if (done.stream().anyMatch(report -> report.doneOn() == null)) {
            return null;
        }
        return done.stream().map(StepProgress::doneOn).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(null);
    }
}
