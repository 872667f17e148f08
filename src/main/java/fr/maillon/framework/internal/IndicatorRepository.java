package fr.maillon.framework.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.framework.Aggregation;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.DataValue;
import fr.maillon.framework.Direction;
import fr.maillon.framework.Indicator;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.IndicatorTarget;
import fr.maillon.framework.Measure;
import fr.maillon.framework.PeriodType;
import fr.maillon.web.Edit;

/** Indicators, their targets and the values collected, with the history of replaced values. */
@Repository
public class IndicatorRepository {

    private static final String SELECT_INDICATOR = """
            SELECT id, evaluation_id, code, name, description, measure, unit, scale_levels, baseline_value,
                   baseline_date, direction, frequency, aggregation, cumulative_targets, source, formula, collector,
                   minimum, maximum, position, disaggregation_id, library_indicator_id, version, display_precision
            FROM indicator
            WHERE structure_id = :structureId
              AND evaluation_id = :evaluationId
            """;

    private static final RowMapper<Indicator> INDICATOR = (rs, row) -> {
        Array levels = rs.getArray("scale_levels");
        Date baselineDate = rs.getDate("baseline_date");
        return new Indicator(rs.getLong("id"), rs.getLong("evaluation_id"), rs.getString("code"), rs.getString("name"),
                rs.getString("description"), Measure.valueOf(rs.getString("measure")), rs.getString("unit"),
                levels == null ? null : Arrays.asList((String[]) levels.getArray()), rs.getBigDecimal("baseline_value"),
                baselineDate == null ? null : baselineDate.toLocalDate(), Direction.valueOf(rs.getString("direction")),
                PeriodType.valueOf(rs.getString("frequency")), Aggregation.valueOf(rs.getString("aggregation")),
                rs.getBoolean("cumulative_targets"), DataSource.valueOf(rs.getString("source")), rs.getString("formula"),
                rs.getString("collector"), rs.getBigDecimal("minimum"), rs.getBigDecimal("maximum"), rs.getInt("position"),
                rs.getObject("disaggregation_id", Long.class), rs.getObject("library_indicator_id", Long.class),
                rs.getInt("version"), rs.getInt("display_precision"));
    };

    private final JdbcClient jdbc;

    public IndicatorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Indicator> indicators(long structureId, long evaluationId) {
        return jdbc.sql(SELECT_INDICATOR + "ORDER BY position, id")
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(INDICATOR).list();
    }

    public long insert(long structureId, long evaluationId, IndicatorDraft draft, @Nullable Long libraryEntryId) {
        return jdbc.sql("""
                INSERT INTO indicator (structure_id, evaluation_id, code, name, description, measure, unit, scale_levels,
                                       baseline_value, baseline_date, direction, frequency, aggregation,
                                       cumulative_targets, source, formula, collector, minimum, maximum,
                                       disaggregation_id, library_indicator_id, display_precision, position)
                VALUES (:structureId, :evaluationId, :code, :name, :description, :measure, :unit, :scaleLevels,
                        :baselineValue, :baselineDate, :direction, :frequency, :aggregation, :cumulativeTargets,
                        :source, :formula, :collector, :minimum, :maximum, :disaggregationId, :libraryEntryId,
                        :displayPrecision,
                        (SELECT coalesce(max(position), 0) + 1 FROM indicator
                         WHERE structure_id = :structureId AND evaluation_id = :evaluationId))
                RETURNING id
                """)
                .paramSource(parameters(structureId, evaluationId, draft).addValue("libraryEntryId", libraryEntryId,
                        Types.BIGINT))
                .query(Long.class)
                .single();
    }

    /** Saves the draft over the version the editor read; false when someone saved meanwhile. */
    public boolean update(long structureId, long evaluationId, long id, IndicatorDraft draft, Edit edit) {
        return jdbc.sql("""
                UPDATE indicator
                SET code = :code, name = :name, description = :description, measure = :measure, unit = :unit,
                    scale_levels = :scaleLevels, baseline_value = :baselineValue, baseline_date = :baselineDate,
                    direction = :direction, frequency = :frequency, aggregation = :aggregation,
                    cumulative_targets = :cumulativeTargets, source = :source, formula = :formula,
                    collector = :collector, minimum = :minimum, maximum = :maximum,
                    disaggregation_id = :disaggregationId, display_precision = :displayPrecision,
                    version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                """)
                .paramSource(edit.addTo(parameters(structureId, evaluationId, draft).addValue("id", id)))
                .update() == 1;
    }

    public boolean delete(long structureId, long evaluationId, long id) {
        return jdbc.sql("""
                DELETE FROM indicator
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId).param("id", id)
                .update() == 1;
    }

    // --- values and targets -------------------------------------------------------------------

    public List<DataValue> values(long structureId, long evaluationId) {
        return jdbc.sql("""
                SELECT indicator_id, period, category, value, text_value, source, comment
                FROM data_value
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY indicator_id, period, category
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(DataValue.class).list();
    }

    public List<IndicatorTarget> targets(long structureId, long evaluationId) {
        return jdbc.sql("""
                SELECT indicator_id, period, value
                FROM indicator_target
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY indicator_id, period
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(IndicatorTarget.class).list();
    }

    /**
     * Writes values, set by set: each value being replaced or removed goes to the history first,
     * an empty value removes the recorded one, the others are inserted or replaced. The values all
     * come from one source, at most one per indicator, period and category, entered (and the
     * replaced ones replaced) at {@code now}.
     */
    public void putValues(long structureId, long evaluationId, List<DataValue> values, DataSource source, long userId,
            Instant now) {
        jdbc.sql("""
                WITH incoming AS (
                    SELECT *
                    FROM unnest(CAST(:indicators AS bigint[]), CAST(:periods AS text[]), CAST(:categories AS text[]),
                                CAST(:numbers AS numeric[]), CAST(:texts AS text[]), CAST(:comments AS text[]))
                         AS i (indicator_id, period, category, value, text_value, comment)
                ),
                history AS (
                    INSERT INTO data_value_history (structure_id, evaluation_id, indicator_id, period, category, value,
                                                    text_value, source, comment, entered_by, entered_at, replaced_by,
                                                    replaced_at)
                    SELECT d.structure_id, d.evaluation_id, d.indicator_id, d.period, d.category, d.value, d.text_value,
                           d.source, d.comment, d.entered_by, d.entered_at, :userId, :now
                    FROM data_value d
                    JOIN incoming i ON i.indicator_id = d.indicator_id AND i.period = d.period AND i.category = d.category
                    WHERE d.structure_id = :structureId
                      AND (d.value IS DISTINCT FROM i.value OR d.text_value IS DISTINCT FROM i.text_value)
                ),
                removed AS (
                    DELETE FROM data_value d
                    USING incoming i
                    WHERE d.structure_id = :structureId
                      AND d.indicator_id = i.indicator_id AND d.period = i.period AND d.category = i.category
                      AND i.value IS NULL AND i.text_value IS NULL
                )
                INSERT INTO data_value (indicator_id, structure_id, evaluation_id, period, category, value, text_value,
                                        source, comment, entered_by, entered_at)
                SELECT i.indicator_id, :structureId, :evaluationId, i.period, i.category, i.value, i.text_value,
                       :source, i.comment, :userId, :now
                FROM incoming i
                WHERE i.value IS NOT NULL OR i.text_value IS NOT NULL
                ON CONFLICT (indicator_id, period, category) DO UPDATE
                SET value = EXCLUDED.value, text_value = EXCLUDED.text_value,
                    comment = coalesce(EXCLUDED.comment, data_value.comment),
                    entered_by = CASE WHEN (data_value.value IS DISTINCT FROM EXCLUDED.value OR data_value.text_value IS DISTINCT FROM EXCLUDED.text_value) THEN EXCLUDED.entered_by ELSE data_value.entered_by END,
                    entered_at = CASE WHEN (data_value.value IS DISTINCT FROM EXCLUDED.value OR data_value.text_value IS DISTINCT FROM EXCLUDED.text_value) THEN EXCLUDED.entered_at ELSE data_value.entered_at END,
                    source = CASE WHEN (data_value.value IS DISTINCT FROM EXCLUDED.value OR data_value.text_value IS DISTINCT FROM EXCLUDED.text_value) THEN EXCLUDED.source ELSE data_value.source END
                WHERE data_value.value IS DISTINCT FROM EXCLUDED.value
                   OR data_value.text_value IS DISTINCT FROM EXCLUDED.text_value
                   OR (EXCLUDED.comment IS NOT NULL AND EXCLUDED.comment IS DISTINCT FROM data_value.comment)
                """)
                .param("structureId", structureId)
                .param("evaluationId", evaluationId)
                .param("source", source.name())
                .param("userId", userId)
                .param("now", Timestamp.from(now))
                .param("indicators", values.stream().map(DataValue::indicatorId).toArray(Long[]::new))
                .param("periods", values.stream().map(DataValue::period).toArray(String[]::new))
                .param("categories", values.stream().map(DataValue::category).toArray(String[]::new))
                .param("numbers", values.stream().map(DataValue::value).toArray(BigDecimal[]::new))
                .param("texts", values.stream().map(DataValue::textValue).toArray(String[]::new))
                .param("comments", values.stream().map(DataValue::comment).toArray(String[]::new))
                .update();
    }

    public void putTarget(long structureId, long evaluationId, long indicatorId, String period,
            @Nullable BigDecimal value) {
        if (value == null) {
            jdbc.sql("""
                    DELETE FROM indicator_target
                    WHERE structure_id = :structureId
                      AND indicator_id = :indicatorId
                      AND period = :period
                    """)
                    .param("structureId", structureId).param("indicatorId", indicatorId).param("period", period)
                    .update();
            return;
        }
        jdbc.sql("""
                INSERT INTO indicator_target (indicator_id, structure_id, evaluation_id, period, value)
                VALUES (:indicatorId, :structureId, :evaluationId, :period, :value)
                ON CONFLICT (indicator_id, period) DO UPDATE SET value = EXCLUDED.value
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .param("indicatorId", indicatorId).param("period", period).param("value", value)
                .update();
    }

    /** A value with the id of whoever entered it. */
    public record LoggedValue(long indicatorId, String period, String category, @Nullable BigDecimal value, @Nullable String textValue,
            DataSource source, @Nullable String comment, @Nullable Long enteredBy, Instant enteredAt) {
    }

    public record LoggedChange(String period, String category, @Nullable BigDecimal value, @Nullable String textValue,
            DataSource source, @Nullable String comment, @Nullable Long enteredBy, Instant enteredAt,
            @Nullable Long replacedBy, Instant replacedAt) {
    }

    public List<LoggedValue> loggedValues(long structureId, long indicatorId) {
        return jdbc.sql("""
                SELECT indicator_id, period, category, value, text_value, source, comment, entered_by, entered_at
                FROM data_value
                WHERE structure_id = :structureId
                  AND indicator_id = :indicatorId
                ORDER BY period, category
                """)
                .param("structureId", structureId).param("indicatorId", indicatorId)
                .query(LoggedValue.class).list();
    }

    /** Every value of the evaluation with who entered it, by indicator, period and category. */
    public List<LoggedValue> loggedValuesOfEvaluation(long structureId, long evaluationId) {
        return jdbc.sql("""
                SELECT indicator_id, period, category, value, text_value, source, comment, entered_by, entered_at
                FROM data_value
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY indicator_id, period, category
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(IndicatorRepository::loggedValue).list();
    }

    /** Read by hand: a whole evaluation may hold a hundred thousand values. */
    private static LoggedValue loggedValue(ResultSet rs, int row) throws SQLException {
        return new LoggedValue(rs.getLong("indicator_id"), rs.getString("period"), rs.getString("category"),
                rs.getBigDecimal("value"), rs.getString("text_value"), DataSource.valueOf(rs.getString("source")),
                rs.getString("comment"), rs.getObject("entered_by", Long.class), rs.getTimestamp("entered_at")
                        .toInstant());
    }

    /** The latest changes first, at most {@code limit}. */
    public List<LoggedChange> history(long structureId, long indicatorId, int limit) {
        return jdbc.sql("""
                SELECT period, category, value, text_value, source, comment, entered_by, entered_at, replaced_by,
                       replaced_at
                FROM data_value_history
                WHERE structure_id = :structureId
                  AND indicator_id = :indicatorId
                ORDER BY replaced_at DESC, id DESC
                LIMIT :limit
                """)
                .param("structureId", structureId).param("indicatorId", indicatorId).param("limit", limit)
                .query(LoggedChange.class).list();
    }

    /** Sets the comment of a recorded value; false when there is no such value. */
    public boolean comment(long structureId, long indicatorId, String period, String category,
            @Nullable String comment) {
        return jdbc.sql("""
                UPDATE data_value
                SET comment = :comment
                WHERE structure_id = :structureId
                  AND indicator_id = :indicatorId
                  AND period = :period
                  AND category = :category
                """)
                .param("structureId", structureId).param("indicatorId", indicatorId).param("period", period)
                .param("category", category).param("comment", comment, Types.VARCHAR)
                .update() == 1;
    }

    public long historySize(long structureId, long indicatorId) {
        return jdbc.sql("""
                SELECT count(*)
                FROM data_value_history
                WHERE structure_id = :structureId
                  AND indicator_id = :indicatorId
                """)
                .param("structureId", structureId).param("indicatorId", indicatorId)
                .query(Long.class).single();
    }

    private static MapSqlParameterSource parameters(long structureId, long evaluationId, IndicatorDraft draft) {
        return new MapSqlParameterSource()
                .addValue("structureId", structureId)
                .addValue("evaluationId", evaluationId)
                .addValue("code", draft.code())
                .addValue("name", draft.name())
                .addValue("description", draft.description())
                .addValue("measure", draft.measure().name())
                .addValue("unit", draft.unit())
                .addValue("scaleLevels", draft.scaleLevels() == null ? null : Sql.textArray(draft.scaleLevels()))
                .addValue("baselineValue", draft.baselineValue())
                .addValue("baselineDate", draft.baselineDate())
                .addValue("direction", draft.direction().name())
                .addValue("frequency", draft.frequency().name())
                .addValue("aggregation", draft.aggregation().name())
                .addValue("cumulativeTargets", Boolean.TRUE.equals(draft.cumulativeTargets()))
                .addValue("source", draft.source().name())
                .addValue("formula", draft.formula())
                .addValue("collector", draft.collector())
                .addValue("minimum", draft.minimum())
                .addValue("maximum", draft.maximum())
                .addValue("disaggregationId", draft.disaggregationId(), Types.BIGINT)
                .addValue("displayPrecision", draft.displayPrecision() == null
                        ? draft.measure().defaultPrecision(draft.unit()) : draft.displayPrecision());
    }
}
