package fr.maillon.survey.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
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

/** Collecting through surveys: done with one answer received, on the day of the first one. */
@Component
class SurveyMethodSteps implements MethodStepSource {

    private static final String COUNTS = """
            SELECT count(DISTINCT survey.id) AS surveys,
                   count(response.id) AS responses,
                   min(response.submitted_at) AS first_response_at
            FROM survey
            LEFT JOIN survey_response response
                   ON response.survey_id = survey.id AND response.structure_id = survey.structure_id
            WHERE survey.structure_id = :structureId AND survey.evaluation_id = :evaluationId
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    SurveyMethodSteps(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public int rank() {
        return 2;
    }

    @Override
    public List<StepProgress> progress(Evaluation evaluation) {
        Counts counts = jdbc.sql(COUNTS).param("structureId", evaluation.structureId())
                .param("evaluationId", evaluation.id()).query(Counts.class).single();
        boolean done = counts.responses() > 0;
        StepState state = done ? StepState.DONE : counts.surveys() > 0 ? StepState.STARTED : StepState.TODO;
        return List.of(new StepProgress(MethodStep.COLLECTION, state,
                counts.surveys() > 0 ? List.of(StepText.of("survey.path.done", counts.surveys(), counts.responses()))
                        : List.of(),
                new StepAction(StepText.of(counts.surveys() == 0 ? "survey.path.create" : "survey.path.show"),
                        "/evaluations/" + evaluation.id() + "/surveys"),
                counts.firstResponseAt() == null ? null
                        : counts.firstResponseAt().atZoneSameInstant(clock.getZone()).toLocalDate()));
    }

    record Counts(long surveys, long responses, @Nullable OffsetDateTime firstResponseAt) {
    }
}
