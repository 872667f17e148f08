package fr.maillon.workshop.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
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
 * Describing the chain with the people concerned: the evaluation's workshops, who took part, and the day of the last
 * one, linked to the list of workshops. A workshop is a way of building the chain, not a step of its own: with none,
 * it reports nothing (the chain is done without it); with some, it reports them as done.
 */
@Component
class WorkshopMethodSteps implements MethodStepSource {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private static final String COUNTS = """
            SELECT count(DISTINCT p.workshop_id) AS workshops,
                   count(p.id) AS participants,
                   count(p.id) FILTER (WHERE p.role = 'HABITANT') AS inhabitants,
                   max(w.opened_at) FILTER (WHERE p.id IS NOT NULL) AS last_at
            FROM workshop w
            LEFT JOIN workshop_participant p ON p.workshop_id = w.id
            WHERE w.structure_id = :structureId AND w.evaluation_id = :evaluationId
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    WorkshopMethodSteps(JdbcClient jdbc, Clock clock) {
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
        if (counts.workshops() == 0 || counts.lastAt() == null) {
            return List.of();
        }
        String path = "/evaluations/" + evaluation.id() + "/workshops";
        String last = DAY.format(counts.lastAt().atZoneSameInstant(clock.getZone()).toLocalDate());
        return List.of(new StepProgress(MethodStep.CHAIN, StepState.DONE,
                List.of(StepText.linked(path, "workshop.path.done", counts.workshops(), counts.participants(),
                        counts.inhabitants(), last)),
                new StepAction(StepText.of("workshop.path.list"), path), null));
    }

    record Counts(long workshops, long participants, long inhabitants, @Nullable OffsetDateTime lastAt) {
    }
}
