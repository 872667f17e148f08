package fr.maillon.chain.internal;

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
 * The first two steps. Cadrer: the evaluation has its scope and period from its creation; the step is done when its
 * framing also says why it is evaluated and who steers it (no day is shown: the framing is rewritten as the
 * evaluation goes), started otherwise, with "Compléter le cadrage" as its action. Décrire la chaîne: done with at
 * least one stakeholder, one primary activity, one output, one effect, an activity linked to an output and an output
 * linked to an effect; its next action is the first of these missing.
 */
@Component
class ChainMethodSteps implements MethodStepSource {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private static final String COUNTS = """
            WITH elements AS (
                SELECT id, kind, activity_type
                FROM chain_element
                WHERE structure_id = :structureId AND evaluation_id = :evaluationId
            ), links AS (
                SELECT source.kind AS source_kind, target.kind AS target_kind
                FROM chain_link link
                JOIN elements source ON source.id = link.source_id
                JOIN elements target ON target.id = link.target_id
                WHERE link.structure_id = :structureId AND link.evaluation_id = :evaluationId
            )
            SELECT (SELECT count(*) FROM stakeholder
                    WHERE structure_id = :structureId AND evaluation_id = :evaluationId) AS stakeholders,
                   (SELECT count(*) FROM interaction
                    WHERE structure_id = :structureId AND evaluation_id = :evaluationId) AS interactions,
                   (SELECT count(*) FROM elements WHERE kind = 'RESOURCE') AS resources,
                   (SELECT count(*) FROM elements WHERE activity_type = 'PRIMARY') AS primary_activities,
                   (SELECT count(*) FROM elements WHERE activity_type = 'SUPPORT') AS support_activities,
                   (SELECT count(*) FROM elements WHERE kind = 'OUTPUT') AS outputs,
                   (SELECT count(*) FROM elements WHERE kind = 'EFFECT') AS effects,
                   (SELECT count(*) FROM links) AS links,
                   (SELECT count(*) FROM links
                    WHERE source_kind = 'ACTIVITY' AND target_kind = 'OUTPUT') AS activity_output_links,
                   (SELECT count(*) FROM links
                    WHERE source_kind = 'OUTPUT' AND target_kind = 'EFFECT') AS output_effect_links,
                   (SELECT min(id) FROM elements WHERE activity_type = 'PRIMARY') AS first_activity_id,
                   (SELECT min(id) FROM elements WHERE kind = 'OUTPUT') AS first_output_id
            """;

    private final JdbcClient jdbc;

    ChainMethodSteps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public List<StepProgress> progress(Evaluation evaluation) {
        Counts counts = jdbc.sql(COUNTS).param("structureId", evaluation.structureId())
                .param("evaluationId", evaluation.id()).query(Counts.class).single();
        return List.of(framing(evaluation), chain(evaluation.id(), counts));
    }

    private static StepProgress framing(Evaluation evaluation) {
        StepText done = StepText.of("chain.path.framing.done", evaluation.scope().name(),
                DAY.format(evaluation.periodStart()), DAY.format(evaluation.periodEnd()));
        StepText parts = StepText.of("chain.path.framing.parts", written(evaluation.purpose()),
                written(evaluation.audiences()), written(evaluation.means()), written(evaluation.steering()));
        String edit = "/evaluations/" + evaluation.id() + "/edit#framing";
        if (!evaluation.framed()) {
            return new StepProgress(MethodStep.FRAMING, StepState.STARTED, List.of(done, parts),
                    action("chain.path.framing.complete", edit), null);
        }
        return new StepProgress(MethodStep.FRAMING, StepState.DONE, List.of(done, parts),
                action("chain.path.framing.action", edit), null);
    }

    private static String written(@Nullable String text) {
        return text == null ? "no" : "yes";
    }

    private static StepProgress chain(long evaluationId, Counts counts) {
        String base = "/evaluations/" + evaluationId;
        StepAction next;
        if (counts.stakeholders() == 0) {
            next = action("chain.path.chain.addStakeholder", base + "/stakeholders/new");
        }
        else if (counts.primaryActivities() == 0) {
            next = action("chain.path.chain.addActivity", base + "/elements/new?kind=ACTIVITY&activityType=PRIMARY");
        }
        else if (counts.outputs() == 0) {
            next = action("chain.path.chain.addOutput", base + "/elements/new?kind=OUTPUT");
        }
        else if (counts.effects() == 0) {
            next = action("chain.path.chain.addEffect", base + "/elements/new?kind=EFFECT");
        }
        else if (counts.activityOutputLinks() == 0) {
            next = action("chain.path.chain.linkActivity", base + "/links/new?sourceId=" + counts.firstActivityId());
        }
        else if (counts.outputEffectLinks() == 0) {
            next = action("chain.path.chain.linkOutput", base + "/links/new?sourceId=" + counts.firstOutputId());
        }
        else {
            next = null;
        }
        boolean any = counts.stakeholders() + counts.resources() + counts.primaryActivities()
                + counts.supportActivities() + counts.outputs() + counts.effects() > 0;
        StepState state = next == null ? StepState.DONE : any ? StepState.STARTED : StepState.TODO;
        if (next == null) {
            next = counts.interactions() == 0
                    ? action("chain.path.chain.addInteraction", base + "/interactions/new")
                    : action("chain.path.chain.diagram", base + "/diagram");
        }
        List<StepText> done = any ? List.of(
                StepText.of("chain.path.chain.elements", counts.stakeholders(), counts.resources(),
                        counts.primaryActivities(), counts.supportActivities()),
                StepText.of("chain.path.chain.results", counts.outputs(), counts.effects(), counts.links(),
                        counts.interactions()))
                : List.of();
        return new StepProgress(MethodStep.CHAIN, state, done, next, null);
    }

    private static StepAction action(String messageKey, String path) {
        return new StepAction(StepText.of(messageKey), path);
    }

    record Counts(long stakeholders, long interactions, long resources,
            long primaryActivities, long supportActivities, long outputs, long effects, long links,
            long activityOutputLinks, long outputEffectLinks, @Nullable Long firstActivityId,
            @Nullable Long firstOutputId) {
    }
}
