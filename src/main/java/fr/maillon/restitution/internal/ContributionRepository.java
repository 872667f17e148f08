package fr.maillon.restitution.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.restitution.ContributionDraft;
import fr.maillon.web.Edit;

@Repository
public class ContributionRepository {

    /** A written analysis, by effect. */
    public record Row(long effectId, String claim, @Nullable String otherFactors, String strength,
            @Nullable String strengthReason, int version) {
    }

    /** A written analysis as stored, with who saved it last (her name) and when. */
    public record Stored(Row row, @Nullable String updatedBy, @Nullable OffsetDateTime updatedAt) {
    }

    private final JdbcClient jdbc;

    public ContributionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Row> contributions(long structureId, long evaluationId) {
        return jdbc.sql("""
                SELECT effect_id, claim, other_factors, strength, strength_reason, version
                FROM contribution
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(Row.class).list();
    }

    /** An effect's analysis as stored, if written. */
    public Optional<Stored> stored(long structureId, long evaluationId, long effectId) {
        return jdbc.sql("""
                SELECT c.effect_id, c.claim, c.other_factors, c.strength, c.strength_reason, c.version,
                       u.display_name AS updated_by, c.updated_at
                FROM contribution c
                LEFT JOIN app_user u ON u.id = c.updated_by
                WHERE c.structure_id = :structureId
                  AND c.evaluation_id = :evaluationId
                  AND c.effect_id = :effectId
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId).param("effectId", effectId)
                .query((rs, row) -> new Stored(new Row(rs.getLong("effect_id"), rs.getString("claim"),
                        rs.getString("other_factors"), rs.getString("strength"), rs.getString("strength_reason"),
                        rs.getInt("version")), rs.getString("updated_by"),
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .optional();
    }

    /**
     * Writes an effect's analysis over the version its author read, 0 when none was written (the
     * first save makes version 1); false, and nothing written, when someone saved it meanwhile.
     */
    public boolean save(long structureId, long evaluationId, long effectId, ContributionDraft draft, Edit edit) {
        MapSqlParameterSource parameters = edit.addTo(new MapSqlParameterSource().addValue("structureId", structureId)
                .addValue("evaluationId", evaluationId).addValue("effectId", effectId)
                .addValue("claim", draft.claim()).addValue("otherFactors", draft.otherFactors())
                .addValue("strength", draft.strength().name()).addValue("strengthReason", draft.strengthReason()));
        return jdbc.sql("""
                INSERT INTO contribution (structure_id, evaluation_id, effect_id, claim, other_factors, strength,
                                          strength_reason, version, updated_by, updated_at)
                SELECT :structureId, :evaluationId, :effectId, :claim, :otherFactors, :strength, :strengthReason,
                       1, :updatedBy, :updatedAt
                WHERE coalesce(CAST(:version AS integer), 0) = 0
                   OR EXISTS (SELECT 1 FROM contribution WHERE evaluation_id = :evaluationId AND effect_id = :effectId)
                ON CONFLICT (evaluation_id, effect_id) DO UPDATE
                SET claim = EXCLUDED.claim, other_factors = EXCLUDED.other_factors, strength = EXCLUDED.strength,
                    strength_reason = EXCLUDED.strength_reason, version = contribution.version + 1,
                    updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                WHERE contribution.structure_id = :structureId
                  AND (CAST(:version AS integer) IS NULL OR contribution.version = :version)
                """)
                .paramSource(parameters)
                .update() == 1;
    }
}
