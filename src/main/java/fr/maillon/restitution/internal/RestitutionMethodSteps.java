package fr.maillon.restitution.internal;

import java.time.Clock;
import java.time.LocalDate;
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
 * Analysing: done when every evaluative question has its verdict (contribution analyses count as a start); restituting:
 * done when a report has a finalised version, on the day of the first one, with its reviewers and their opinions.
 */
@Component
class RestitutionMethodSteps implements MethodStepSource {

    private static final String COUNTS = """
            WITH questions AS (
                SELECT question.id, question.position, verdict.id AS verdict_id, verdict.updated_at
                FROM evaluative_question question
                LEFT JOIN verdict ON verdict.question_id = question.id AND verdict.evaluation_id = question.evaluation_id
                WHERE question.structure_id = :structureId AND question.evaluation_id = :evaluationId
            ), reports AS (
                SELECT report.id, report.title,
                       (SELECT min(version.finalised_at) FROM report_version version
                        WHERE version.report_id = report.id AND version.structure_id = report.structure_id) AS finalised_at
                FROM report
                WHERE report.structure_id = :structureId AND report.evaluation_id = :evaluationId
            )
            SELECT (SELECT count(*) FROM questions) AS questions,
                   (SELECT count(verdict_id) FROM questions) AS verdicts,
                   (SELECT max(updated_at) FROM questions) AS last_verdict_at,
                   (SELECT id FROM questions WHERE verdict_id IS NULL ORDER BY position, id LIMIT 1) AS unjudged_id,
                   (SELECT count(*) FROM contribution
                    WHERE structure_id = :structureId AND evaluation_id = :evaluationId) AS contributions,
                   (SELECT count(*) FROM reports) AS reports,
                   (SELECT count(finalised_at) FROM reports) AS finalised,
                   (SELECT min(finalised_at) FROM reports) AS first_finalised_at,
                   (SELECT id FROM reports WHERE finalised_at IS NULL ORDER BY id LIMIT 1) AS draft_id,
                   (SELECT title FROM reports WHERE finalised_at IS NULL ORDER BY id LIMIT 1) AS draft_title,
                   (SELECT count(*) FROM report_reviewer reviewer JOIN reports ON reports.id = reviewer.report_id
                    WHERE reviewer.structure_id = :structureId) AS reviewers,
                   (SELECT count(*) FROM review_comment comment JOIN reports ON reports.id = comment.report_id
                    WHERE comment.structure_id = :structureId) AS opinions
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    RestitutionMethodSteps(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public int rank() {
        return 4;
    }

    @Override
    public List<StepProgress> progress(Evaluation evaluation) {
        Counts counts = jdbc.sql(COUNTS).param("structureId", evaluation.structureId())
                .param("evaluationId", evaluation.id()).query(Counts.class).single();
        String base = "/evaluations/" + evaluation.id();
        return List.of(analysis(base, counts), restitution(base, counts));
    }

    private StepProgress analysis(String base, Counts counts) {
        boolean done = counts.questions() > 0 && counts.unjudgedId() == null;
        StepState state = done ? StepState.DONE
                : counts.verdicts() + counts.contributions() > 0 ? StepState.STARTED : StepState.TODO;
        List<StepText> facts = new ArrayList<>();
        if (counts.questions() > 0 || counts.contributions() > 0) {
            facts.add(StepText.of("restitution.path.verdicts", counts.verdicts(), counts.questions()));
            facts.add(StepText.of("restitution.path.contributions", counts.contributions()));
        }
        StepAction next = counts.unjudgedId() == null
                ? new StepAction(StepText.of("restitution.path.showVerdicts"), base + "/verdicts")
                : new StepAction(StepText.of("restitution.path.judge"),
                        base + "/questions/" + counts.unjudgedId() + "/verdict");
        return new StepProgress(MethodStep.ANALYSIS, state, facts, next, done ? day(counts.lastVerdictAt()) : null);
    }

    private StepProgress restitution(String base, Counts counts) {
        boolean done = counts.finalised() > 0;
        StepState state = done ? StepState.DONE : counts.reports() > 0 ? StepState.STARTED : StepState.TODO;
        List<StepText> facts = new ArrayList<>();
        if (counts.reports() > 0) {
            facts.add(StepText.of("restitution.path.reports", counts.reports(), counts.finalised()));
            facts.add(StepText.of("restitution.path.reviews", counts.reviewers(), counts.opinions()));
        }
        StepAction next;
        if (counts.reports() == 0) {
            next = new StepAction(StepText.of("restitution.path.createReport"), base + "/reports");
        }
        else if (!done && counts.draftId() != null) {
            next = new StepAction(StepText.of("restitution.path.finalise", counts.draftTitle()),
                    "/reports/" + counts.draftId());
        }
        else {
            next = new StepAction(StepText.of("restitution.path.showReports"), base + "/reports");
        }
        return new StepProgress(MethodStep.RESTITUTION, state, facts, next, day(counts.firstFinalisedAt()));
    }

    private @Nullable LocalDate day(@Nullable OffsetDateTime instant) {
        return instant == null ? null : instant.atZoneSameInstant(clock.getZone()).toLocalDate();
    }

    record Counts(long questions, long verdicts, @Nullable OffsetDateTime lastVerdictAt, @Nullable Long unjudgedId,
            long contributions, long reports, long finalised, @Nullable OffsetDateTime firstFinalisedAt,
            @Nullable Long draftId, @Nullable String draftTitle, long reviewers, long opinions) {
    }
}
