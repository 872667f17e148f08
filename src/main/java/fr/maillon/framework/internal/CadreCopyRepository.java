package fr.maillon.framework.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.framework.IndicatorTarget;

/**
 * Copies an evaluation's cadre into its next cycle, table by table: objectives and the effects they
 * aim at, evaluative questions (each naming the one it was copied from) and the objectives they
 * question, indicators (each naming the one it was copied from) with their questions and chain
 * elements. Each statement is an {@code INSERT … SELECT} that lists its columns; a column added to
 * one of these tables is copied once added to both lists of its statement. Values, their history
 * and custom periods belong to the previous cycle and are not copied; targets are written moved on.
 */
@Repository
public class CadreCopyRepository {

    private static final String COPY_OBJECTIVES = """
            WITH ids AS (
                SELECT id AS old_id, nextval(pg_get_serial_sequence('objective', 'id')) AS new_id
                FROM objective
                WHERE structure_id = :structureId
                  AND evaluation_id = :fromId
            ),
            copied AS (
                INSERT INTO objective (id, structure_id, evaluation_id,
                                       target, title, description, position)
                OVERRIDING SYSTEM VALUE
                SELECT ids.new_id, o.structure_id, :toId,
                       o.target, o.title, o.description, o.position
                FROM objective o
                JOIN ids ON ids.old_id = o.id
                WHERE o.structure_id = :structureId
            )
            SELECT old_id, new_id
            FROM ids
            """;

    private static final String COPY_OBJECTIVE_EFFECTS = """
            WITH objectives AS (
                SELECT old_id, new_id
                FROM unnest(CAST(:objectivesFrom AS bigint[]), CAST(:objectivesTo AS bigint[])) AS m (old_id, new_id)
            ),
            elements AS (
                SELECT old_id, new_id
                FROM unnest(CAST(:elementsFrom AS bigint[]), CAST(:elementsTo AS bigint[])) AS m (old_id, new_id)
            )
            INSERT INTO objective_effect (objective_id, effect_id, structure_id, evaluation_id)
            SELECT objective.new_id, effect.new_id, oe.structure_id, :toId
            FROM objective_effect oe
            JOIN objectives objective ON objective.old_id = oe.objective_id
            JOIN elements effect ON effect.old_id = oe.effect_id
            WHERE oe.structure_id = :structureId
              AND oe.evaluation_id = :fromId
            """;

    /** Each copy names the question it was copied from (previous_question_id), for the previous verdicts. */
    private static final String COPY_QUESTIONS = """
            WITH ids AS (
                SELECT id AS old_id, nextval(pg_get_serial_sequence('evaluative_question', 'id')) AS new_id
                FROM evaluative_question
                WHERE structure_id = :structureId
                  AND evaluation_id = :fromId
            ),
            copied AS (
                INSERT INTO evaluative_question (id, structure_id, evaluation_id, previous_question_id,
                                                 criterion_id, text, position)
                OVERRIDING SYSTEM VALUE
                SELECT ids.new_id, q.structure_id, :toId, q.id,
                       q.criterion_id, q.text, q.position
                FROM evaluative_question q
                JOIN ids ON ids.old_id = q.id
                WHERE q.structure_id = :structureId
            )
            SELECT old_id, new_id
            FROM ids
            """;

    private static final String COPY_QUESTION_OBJECTIVES = """
            WITH questions AS (
                SELECT old_id, new_id
                FROM unnest(CAST(:questionsFrom AS bigint[]), CAST(:questionsTo AS bigint[])) AS m (old_id, new_id)
            ),
            objectives AS (
                SELECT old_id, new_id
                FROM unnest(CAST(:objectivesFrom AS bigint[]), CAST(:objectivesTo AS bigint[])) AS m (old_id, new_id)
            )
            INSERT INTO question_objective (question_id, objective_id, structure_id, evaluation_id)
            SELECT question.new_id, objective.new_id, qo.structure_id, :toId
            FROM question_objective qo
            JOIN questions question ON question.old_id = qo.question_id
            JOIN objectives objective ON objective.old_id = qo.objective_id
            WHERE qo.structure_id = :structureId
              AND qo.evaluation_id = :fromId
            """;

    /**
     * Each copy names the indicator it was copied from (previous_indicator_id); its baseline becomes the
     * previous cycle's last figure where there is one (baselines: old indicator id → value and date).
     */
    private static final String COPY_INDICATORS = """
            WITH ids AS (
                SELECT id AS old_id, nextval(pg_get_serial_sequence('indicator', 'id')) AS new_id
                FROM indicator
                WHERE structure_id = :structureId
                  AND evaluation_id = :fromId
            ),
            baselines AS (
                SELECT indicator_id, value, date
                FROM unnest(CAST(:baselineIndicators AS bigint[]), CAST(:baselineValues AS numeric[]),
                            CAST(:baselineDates AS date[])) AS b (indicator_id, value, date)
            ),
            copied AS (
                INSERT INTO indicator (id, structure_id, evaluation_id, previous_indicator_id,
                                       baseline_value, baseline_date,
                                       code, name, description, measure, scale_levels, unit, direction, frequency,
                                       aggregation, cumulative_targets, source, formula, collector, minimum, maximum,
                                       position, disaggregation_id, library_indicator_id, display_precision)
                OVERRIDING SYSTEM VALUE
                SELECT ids.new_id, i.structure_id, :toId, i.id,
                       CASE WHEN b.indicator_id IS NULL THEN i.baseline_value ELSE b.value END,
                       CASE WHEN b.indicator_id IS NULL THEN i.baseline_date ELSE b.date END,
                       i.code, i.name, i.description, i.measure, i.scale_levels, i.unit, i.direction, i.frequency,
                       i.aggregation, i.cumulative_targets, i.source, i.formula, i.collector, i.minimum, i.maximum,
                       i.position, i.disaggregation_id, i.library_indicator_id, i.display_precision
                FROM indicator i
                JOIN ids ON ids.old_id = i.id
                LEFT JOIN baselines b ON b.indicator_id = i.id
                WHERE i.structure_id = :structureId
            )
            SELECT old_id, new_id
            FROM ids
            """;

    private static final String COPY_INDICATOR_QUESTIONS = """
            WITH indicators AS (
                SELECT old_id, new_id
                FROM unnest(CAST(:indicatorsFrom AS bigint[]), CAST(:indicatorsTo AS bigint[])) AS m (old_id, new_id)
            ),
            questions AS (
                SELECT old_id, new_id
                FROM unnest(CAST(:questionsFrom AS bigint[]), CAST(:questionsTo AS bigint[])) AS m (old_id, new_id)
            )
            INSERT INTO indicator_question (indicator_id, question_id, structure_id, evaluation_id)
            SELECT indicator.new_id, question.new_id, iq.structure_id, :toId
            FROM indicator_question iq
            JOIN indicators indicator ON indicator.old_id = iq.indicator_id
            JOIN questions question ON question.old_id = iq.question_id
            WHERE iq.structure_id = :structureId
              AND iq.evaluation_id = :fromId
            """;

    private static final String COPY_INDICATOR_ELEMENTS = """
            WITH indicators AS (
                SELECT old_id, new_id
                FROM unnest(CAST(:indicatorsFrom AS bigint[]), CAST(:indicatorsTo AS bigint[])) AS m (old_id, new_id)
            ),
            elements AS (
                SELECT old_id, new_id
                FROM unnest(CAST(:elementsFrom AS bigint[]), CAST(:elementsTo AS bigint[])) AS m (old_id, new_id)
            )
            INSERT INTO indicator_element (indicator_id, element_id, structure_id, evaluation_id)
            SELECT indicator.new_id, element.new_id, ie.structure_id, :toId
            FROM indicator_element ie
            JOIN indicators indicator ON indicator.old_id = ie.indicator_id
            JOIN elements element ON element.old_id = ie.element_id
            WHERE ie.structure_id = :structureId
              AND ie.evaluation_id = :fromId
            """;

    private static final String INSERT_TARGETS = """
            INSERT INTO indicator_target (indicator_id, structure_id, evaluation_id, period, value)
            SELECT t.indicator_id, :structureId, :toId, t.period, t.value
            FROM unnest(CAST(:indicators AS bigint[]), CAST(:periods AS text[]), CAST(:values AS numeric[]))
                 AS t (indicator_id, period, value)
            """;

    private static final RowMapper<Map.Entry<Long, Long>> OLD_TO_NEW = (row, number) -> Map.entry(
            row.getLong("old_id"), row.getLong("new_id"));

    private static final RowMapper<Map.Entry<Long, Long>> COPY_TO_PREVIOUS = (row, number) -> Map.entry(
            row.getLong("id"), row.getLong("previous_id"));

    private final JdbcClient jdbc;

    public CadreCopyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A copied indicator's new baseline: the previous cycle's last figure, at the end of its period. */
    public record Baseline(long indicatorId, BigDecimal value, LocalDate date) {
    }

    /** The copied objectives, with the effects they aim at: old id → new id. */
    public Map<Long, Long> copyObjectives(long structureId, long fromId, long toId, Map<Long, Long> elements) {
        Map<Long, Long> objectives = toMap(jdbc.sql(COPY_OBJECTIVES)
                .param("structureId", structureId).param("fromId", fromId).param("toId", toId)
                .query(OLD_TO_NEW).list());
        jdbc.sql(COPY_OBJECTIVE_EFFECTS)
                .param("structureId", structureId).param("fromId", fromId).param("toId", toId)
                .param("objectivesFrom", from(objectives)).param("objectivesTo", to(objectives))
                .param("elementsFrom", from(elements)).param("elementsTo", to(elements))
                .update();
        return objectives;
    }

    /** The copied questions, with the objectives they question: old id → new id. */
    public Map<Long, Long> copyQuestions(long structureId, long fromId, long toId, Map<Long, Long> objectives) {
        Map<Long, Long> questions = toMap(jdbc.sql(COPY_QUESTIONS)
                .param("structureId", structureId).param("fromId", fromId).param("toId", toId)
                .query(OLD_TO_NEW).list());
        jdbc.sql(COPY_QUESTION_OBJECTIVES)
                .param("structureId", structureId).param("fromId", fromId).param("toId", toId)
                .param("questionsFrom", from(questions)).param("questionsTo", to(questions))
                .param("objectivesFrom", from(objectives)).param("objectivesTo", to(objectives))
                .update();
        return questions;
    }

    /** The copied indicators, with the questions they answer and the chain elements they follow: old id → new id. */
    public Map<Long, Long> copyIndicators(long structureId, long fromId, long toId, List<Baseline> baselines,
            Map<Long, Long> questions, Map<Long, Long> elements) {
        Map<Long, Long> indicators = toMap(jdbc.sql(COPY_INDICATORS)
                .param("structureId", structureId).param("fromId", fromId).param("toId", toId)
                .param("baselineIndicators", baselines.stream().map(Baseline::indicatorId).toArray(Long[]::new))
                .param("baselineValues", baselines.stream().map(Baseline::value).toArray(BigDecimal[]::new))
                .param("baselineDates", baselines.stream().map(baseline -> baseline.date().toString())
                        .toArray(String[]::new))
                .query(OLD_TO_NEW).list());
        jdbc.sql(COPY_INDICATOR_QUESTIONS)
                .param("structureId", structureId).param("fromId", fromId).param("toId", toId)
                .param("indicatorsFrom", from(indicators)).param("indicatorsTo", to(indicators))
                .param("questionsFrom", from(questions)).param("questionsTo", to(questions))
                .update();
        jdbc.sql(COPY_INDICATOR_ELEMENTS)
                .param("structureId", structureId).param("fromId", fromId).param("toId", toId)
                .param("indicatorsFrom", from(indicators)).param("indicatorsTo", to(indicators))
                .param("elementsFrom", from(elements)).param("elementsTo", to(elements))
                .update();
        return indicators;
    }

    /** Writes the new cycle's targets (already moved on, naming the new indicators). */
    public int insertTargets(long structureId, long toId, List<IndicatorTarget> targets) {
        return jdbc.sql(INSERT_TARGETS)
                .param("structureId", structureId).param("toId", toId)
                .param("indicators", targets.stream().map(IndicatorTarget::indicatorId).toArray(Long[]::new))
                .param("periods", targets.stream().map(IndicatorTarget::period).toArray(String[]::new))
                .param("values", targets.stream().map(IndicatorTarget::value).toArray(BigDecimal[]::new))
                .update();
    }

    /** The questions of an evaluation copied from a previous cycle: new id → the id of the one copied. */
    public Map<Long, Long> previousQuestions(long structureId, long evaluationId) {
        return toMap(jdbc.sql("""
                SELECT id, previous_question_id AS previous_id
                FROM evaluative_question
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                  AND previous_question_id IS NOT NULL
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(COPY_TO_PREVIOUS).list());
    }

    /** The indicators of an evaluation copied from a previous cycle: new id → the id of the one copied. */
    public Map<Long, Long> previousIndicators(long structureId, long evaluationId) {
        return toMap(jdbc.sql("""
                SELECT id, previous_indicator_id AS previous_id
                FROM indicator
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                  AND previous_indicator_id IS NOT NULL
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(COPY_TO_PREVIOUS).list());
    }

    private static Map<Long, Long> toMap(List<Map.Entry<Long, Long>> entries) {
        Map<Long, Long> map = new HashMap<>();
        entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }

    private static Long[] from(Map<Long, Long> map) {
        return map.keySet().toArray(Long[]::new);
    }

    /** The new ids, in the order of {@link #from}'s old ids. */
    private static Long[] to(Map<Long, Long> map) {
        return map.keySet().stream().map(map::get).toArray(Long[]::new);
    }
}
