package fr.maillon.restitution.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.restitution.ContributionDraft;

@Repository
public class ContributionRepository {

    /** A written analysis, by effect. */
    public record Row(long effectId, String claim, @Nullable String otherFactors, String strength,
            @Nullable String strengthReason) {
    }

    private final JdbcClient jdbc;

    public ContributionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Row> contributions(long structureId, long evaluationId) {
        return jdbc.sql("""
                SELECT effect_id, claim, other_factors, strength, strength_reason
                FROM contribution
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(Row.class).list();
    }

    public void save(long structureId, long evaluationId, long effectId, ContributionDraft draft) {
        jdbc.sql("""
                INSERT INTO contribution (structure_id, evaluation_id, effect_id, claim, other_factors, strength,
                                          strength_reason)
                VALUES (:structureId, :evaluationId, :effectId, :claim, :otherFactors, :strength, :strengthReason)
                ON CONFLICT (evaluation_id, effect_id) DO UPDATE
                SET claim = EXCLUDED.claim, other_factors = EXCLUDED.other_factors, strength = EXCLUDED.strength,
                    strength_reason = EXCLUDED.strength_reason
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId).param("effectId", effectId)
                .param("claim", draft.claim()).param("otherFactors", draft.otherFactors())
                .param("strength", draft.strength().name()).param("strengthReason", draft.strengthReason())
                .update();
    }
}
