package fr.maillon.evidence.internal;

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

/** Collecting through testimonies and documents: done with one kept, on the day of the first one. */
@Component
class EvidenceMethodSteps implements MethodStepSource {

    private static final String COUNTS = """
            SELECT count(*) AS items,
                   count(*) FILTER (WHERE consent) AS consented,
                   min(created_at) AS first_at
            FROM evidence
            WHERE structure_id = :structureId AND evaluation_id = :evaluationId
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    EvidenceMethodSteps(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public int rank() {
        return 3;
    }

    @Override
    public List<StepProgress> progress(Evaluation evaluation) {
        Counts counts = jdbc.sql(COUNTS).param("structureId", evaluation.structureId())
                .param("evaluationId", evaluation.id()).query(Counts.class).single();
        boolean done = counts.items() > 0;
        return List.of(new StepProgress(MethodStep.COLLECTION, done ? StepState.DONE : StepState.TODO,
                done ? List.of(StepText.of("evidence.path.done", counts.items(), counts.consented())) : List.of(),
                new StepAction(StepText.of("evidence.path.add"), "/evaluations/" + evaluation.id() + "/evidence"),
                counts.firstAt() == null ? null : counts.firstAt().atZoneSameInstant(clock.getZone()).toLocalDate()));
    }

    record Counts(long items, long consented, @Nullable OffsetDateTime firstAt) {
    }
}
