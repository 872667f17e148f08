package fr.maillon.framework;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.Evaluation;

/**
 * The starting point of an evaluation started as the next cycle of {@code evaluation}: for each of its questions
 * copied from the previous cycle, the question it was copied from (whose verdict is the starting point), and for
 * each indicator copied, the previous cycle's last figure.
 */
public record PreviousCycle(Evaluation evaluation, Map<Long, Long> previousQuestionIds, List<Figure> figures) {

    public PreviousCycle {
        previousQuestionIds = Map.copyOf(previousQuestionIds);
        figures = List.copyOf(figures);
    }

    /** The question of the previous cycle that this one was copied from, if any. */
    public @Nullable Long previousQuestionId(long questionId) {
        return previousQuestionIds.get(questionId);
    }

    /**
     * An indicator of the new cycle and the figures of the one it was copied from: its last value and the period of
     * that value, with the target of that period (or its last target when it has no value); for cumulative targets,
     * the cumulative value at that period, which the target is compared with.
     */
    public record Figure(long indicatorId, long previousIndicatorId, String name, @Nullable String unit,
            @Nullable String period, @Nullable BigDecimal value, @Nullable BigDecimal target,
            @Nullable BigDecimal cumulative) {
    }
}
