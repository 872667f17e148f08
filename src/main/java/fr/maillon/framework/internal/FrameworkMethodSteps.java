package fr.maillon.framework.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.MethodStep;
import fr.maillon.chain.MethodStepSource;
import fr.maillon.chain.StepProgress;
import fr.maillon.chain.StepProgress.StepAction;
import fr.maillon.chain.StepState;
import fr.maillon.chain.StepText;

/**
 * The cadre d'évaluation's step, done with at least one objective and one question, each question answered by at
 * least one indicator; and collecting through indicator values (the first of the means of collecting).
 */
@Component
class FrameworkMethodSteps implements MethodStepSource {

    private static final String COUNTS = """
            WITH questions AS (
                SELECT id
                FROM evaluative_question
                WHERE structure_id = :structureId AND evaluation_id = :evaluationId
            ), indicators AS (
                SELECT id, name, position
                FROM indicator
                WHERE structure_id = :structureId AND evaluation_id = :evaluationId
            ), answers AS (
                SELECT indicator_id, question_id
                FROM indicator_question
                WHERE structure_id = :structureId AND evaluation_id = :evaluationId
            ), entered AS (
                SELECT indicator_id, entered_at
                FROM data_value
                WHERE structure_id = :structureId AND evaluation_id = :evaluationId
            )
            SELECT (SELECT count(*) FROM objective
                    WHERE structure_id = :structureId AND evaluation_id = :evaluationId) AS objectives,
                   (SELECT count(*) FROM questions) AS questions,
                   (SELECT count(*) FROM questions
                    WHERE id NOT IN (SELECT question_id FROM answers)) AS questions_without_indicator,
                   (SELECT count(*) FROM indicators) AS indicators,
                   (SELECT count(*) FROM indicators
                    WHERE id IN (SELECT indicator_id FROM answers)) AS answering_indicators,
                   (SELECT id FROM indicators WHERE id NOT IN (SELECT indicator_id FROM answers)
                    ORDER BY position, id LIMIT 1) AS unlinked_indicator_id,
                   (SELECT name FROM indicators WHERE id NOT IN (SELECT indicator_id FROM answers)
                    ORDER BY position, id LIMIT 1) AS unlinked_indicator_name,
                   (SELECT count(*) FROM entered) AS value_count,
                   (SELECT count(DISTINCT indicator_id) FROM entered) AS measured_indicators,
                   (SELECT min(entered_at) FROM entered) AS first_value_at
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    FrameworkMethodSteps(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public int rank() {
        return 1;
    }

    @Override
    public List<StepProgress> progress(Evaluation evaluation) {
        Counts counts = jdbc.sql(COUNTS).param("structureId", evaluation.structureId())
                .param("evaluationId", evaluation.id()).query(Counts.class).single();
        String base = "/evaluations/" + evaluation.id();
        return List.of(framework(base, counts), collection(base, counts));
    }

    private static StepProgress framework(String base, Counts counts) {
        StepAction next;
        if (counts.objectives() == 0) {
            next = action(StepText.of("framework.path.addObjective"), base + "/objectives/new");
        }
        else if (counts.questions() == 0) {
            next = action(StepText.of("framework.path.addQuestion"), base + "/questions/new");
        }
        else if (counts.questionsWithoutIndicator() > 0 && counts.unlinkedIndicatorId() != null) {
            next = action(StepText.of("framework.path.linkIndicator", counts.unlinkedIndicatorName()),
                    base + "/indicators/" + counts.unlinkedIndicatorId() + "/edit");
        }
        else if (counts.questionsWithoutIndicator() > 0) {
            next = action(StepText.of("framework.path.addIndicator"), base + "/indicators/new");
        }
        else {
            next = null;
        }
        boolean any = counts.objectives() + counts.questions() + counts.indicators() > 0;
        StepState state = next == null ? StepState.DONE : any ? StepState.STARTED : StepState.TODO;
        List<StepText> done = new ArrayList<>();
        if (any) {
            done.add(StepText.of("framework.path.done", counts.objectives(), counts.questions(), counts.indicators(),
                    counts.answeringIndicators()));
        }
        if (counts.questions() > 0 && counts.questionsWithoutIndicator() > 0) {
            done.add(StepText.of("framework.path.questionsWithoutIndicator", counts.questionsWithoutIndicator()));
        }
        return new StepProgress(MethodStep.FRAMEWORK, state, done,
                next == null ? action(StepText.of("framework.path.show"), base + "/framework") : next, null);
    }

    private StepProgress collection(String base, Counts counts) {
        boolean done = counts.valueCount() > 0;
        return new StepProgress(MethodStep.COLLECTION, done ? StepState.DONE : StepState.TODO,
                done ? List.of(StepText.of("framework.path.values", counts.valueCount(), counts.measuredIndicators()))
                        : List.of(),
                action(StepText.of("framework.path.enterValues"), base + "/data"),
                counts.firstValueAt() == null ? null
                        : counts.firstValueAt().atZoneSameInstant(clock.getZone()).toLocalDate());
    }

    private static StepAction action(StepText label, String path) {
        return new StepAction(label, path);
    }

    record Counts(long objectives, long questions, long questionsWithoutIndicator, long indicators,
            long answeringIndicators, @Nullable Long unlinkedIndicatorId, @Nullable String unlinkedIndicatorName,
            long valueCount, long measuredIndicators, @Nullable OffsetDateTime firstValueAt) {
    }
}
