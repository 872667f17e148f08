package fr.maillon.framework.internal;

import java.sql.Array;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.framework.CustomPeriod;
import fr.maillon.framework.Disaggregation;
import fr.maillon.web.Edit;

/** Disaggregations (Maillon's and a structure's own) and an evaluation's custom periods. */
@Repository
public class DisaggregationRepository {

    private static final RowMapper<Disaggregation> DISAGGREGATION = (rs, row) -> {
        Array categories = rs.getArray("categories");
        long structureId = rs.getLong("structure_id");
        return new Disaggregation(rs.getLong("id"), rs.wasNull() ? null : structureId, rs.getString("code"),
                rs.getString("name"), Arrays.asList((String[]) categories.getArray()), rs.getInt("version"));
    };

    private final JdbcClient jdbc;

    public DisaggregationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Maillon's disaggregations, then the structure's own. */
    public List<Disaggregation> disaggregations(long structureId) {
        return jdbc.sql("""
                SELECT id, structure_id, code, name, categories, version
                FROM disaggregation
                WHERE structure_id IS NULL
                   OR structure_id = :structureId
                ORDER BY structure_id NULLS FIRST, id
                """)
                .param("structureId", structureId)
                .query(DISAGGREGATION).list();
    }

    public List<Disaggregation> shipped() {
        return jdbc.sql("""
                SELECT id, structure_id, code, name, categories, version
                FROM disaggregation
                WHERE structure_id IS NULL
                ORDER BY id
                """)
                .query(DISAGGREGATION).list();
    }

    public long insert(long structureId, String code, String name, List<String> categories) {
        return jdbc.sql("""
                INSERT INTO disaggregation (structure_id, code, name, categories)
                VALUES (:structureId, :code, :name, :categories)
                RETURNING id
                """)
                .param("structureId", structureId).param("code", code).param("name", name)
                .param("categories", Sql.textArray(categories))
                .query(Long.class).single();
    }

    /** Saves over the version the editor read; false when someone saved meanwhile. */
    public boolean update(long structureId, long id, String name, List<String> categories, Edit edit) {
        return jdbc.sql("""
                UPDATE disaggregation
                SET name = :name, categories = :categories,
                    version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id
                  AND structure_id = :structureId
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                """)
                .paramSource(edit.addTo(new MapSqlParameterSource().addValue("structureId", structureId)
                        .addValue("id", id).addValue("name", name)
                        .addValue("categories", Sql.textArray(categories))))
                .update() == 1;
    }

    public boolean delete(long structureId, long id) {
        return jdbc.sql("DELETE FROM disaggregation WHERE id = :id AND structure_id = :structureId")
                .param("structureId", structureId).param("id", id)
                .update() == 1;
    }

    /** The indicators of the structure broken down by this disaggregation. */
    public long indicatorsUsing(long structureId, long id) {
        return jdbc.sql("SELECT count(*) FROM indicator WHERE structure_id = :structureId AND disaggregation_id = :id")
                .param("structureId", structureId).param("id", id)
                .query(Long.class).single();
    }

    /** The categories that hold values, among those of a disaggregation, in the structure's indicators. */
    public List<String> categoriesInUse(long structureId, long id) {
        return jdbc.sql("""
                SELECT DISTINCT value.category
                FROM data_value value
                JOIN indicator ON indicator.id = value.indicator_id
                WHERE value.structure_id = :structureId
                  AND indicator.structure_id = :structureId
                  AND indicator.disaggregation_id = :id
                  AND value.category <> ''
                ORDER BY value.category
                """)
                .param("structureId", structureId).param("id", id)
                .query(String.class).list();
    }

    /** Whether an indicator has values by category. */
    public boolean hasCategoryValues(long structureId, long indicatorId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM data_value
                               WHERE structure_id = :structureId AND indicator_id = :indicatorId AND category <> '')
                """)
                .param("structureId", structureId).param("indicatorId", indicatorId)
                .query(Boolean.class).single();
    }

    // --- custom periods -----------------------------------------------------------------------

    public List<CustomPeriod> customPeriods(long structureId, long evaluationId) {
        return jdbc.sql("""
                SELECT id, label, start_date AS start, end_date AS "end"
                FROM custom_period
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY start_date, end_date
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(CustomPeriod.class).list();
    }

    public Optional<Long> insertPeriod(long structureId, long evaluationId, String label, LocalDate start,
            LocalDate end) {
        return jdbc.sql("""
                INSERT INTO custom_period (structure_id, evaluation_id, label, start_date, end_date)
                VALUES (:structureId, :evaluationId, :label, :start, :end)
                ON CONFLICT (evaluation_id, start_date, end_date) DO NOTHING
                RETURNING id
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId).param("label", label)
                .param("start", start).param("end", end)
                .query(Long.class).optional();
    }

    public boolean deletePeriod(long structureId, long evaluationId, long id) {
        return jdbc.sql("""
                DELETE FROM custom_period
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId).param("id", id)
                .update() == 1;
    }
}
