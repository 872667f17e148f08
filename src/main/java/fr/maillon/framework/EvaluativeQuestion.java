package fr.maillon.framework;

import java.util.List;

/** An evaluative question under a criterion, and the objectives it questions. */
public record EvaluativeQuestion(long id, long evaluationId, long criterionId, String text, int position,
        List<Long> objectiveIds, int version) {
}
