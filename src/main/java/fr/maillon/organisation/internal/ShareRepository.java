package fr.maillon.organisation.internal;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Share;

/** What structures share with federations and CAF. Revoked shares stay, for the record. */
@Repository
public class ShareRepository {

    private static final String SELECT_SHARE = """
            SELECT s.id, s.structure_id, s.evaluation_id, s.recipient_id, o.name AS recipient_name,
                   o.type AS recipient_type, s.created_at
            FROM evaluation_share s
            JOIN organisation o ON o.id = s.recipient_id
            """;

    /**
     * The structure lies in the share's network's territory (its départements, or its cohort when the structure
     * joined it as a programme): without it, the share reaches no one.
     */
    private static final String COVERED = """
            EXISTS (SELECT 1 FROM network_territory t
                    WHERE t.organisation_id = s.recipient_id AND t.structure_id = s.structure_id)
            """;

    private static final RowMapper<Share> SHARE = (rs, row) -> new Share(rs.getLong("id"), rs.getLong("structure_id"),
            rs.getObject("evaluation_id", Long.class), rs.getLong("recipient_id"), rs.getString("recipient_name"),
            OrganisationType.valueOf(rs.getString("recipient_type")), rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;

    public ShareRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the share, or returns the active one that already says the same (even when both race). */
    public long insert(long structureId, @Nullable Long evaluationId, long recipientId, long createdBy) {
        Optional<Long> created = jdbc.sql("""
                INSERT INTO evaluation_share (structure_id, evaluation_id, recipient_id, created_by)
                VALUES (:structureId, :evaluationId, :recipientId, :createdBy)
                ON CONFLICT (structure_id, recipient_id, coalesce(evaluation_id, 0)) WHERE revoked_at IS NULL
                DO NOTHING
                RETURNING id
                """)
                .param("structureId", structureId)
                .param("evaluationId", evaluationId, Types.BIGINT)
                .param("recipientId", recipientId)
                .param("createdBy", createdBy)
                .query(Long.class)
                .optional();
        return created.orElseGet(() -> jdbc.sql("""
                SELECT id
                FROM evaluation_share
                WHERE structure_id = :structureId
                  AND recipient_id = :recipientId
                  AND evaluation_id IS NOT DISTINCT FROM :evaluationId
                  AND revoked_at IS NULL
                """)
                .param("structureId", structureId)
                .param("recipientId", recipientId)
                .param("evaluationId", evaluationId, Types.BIGINT)
                .query(Long.class)
                .single());
    }

    public boolean revoke(long structureId, long shareId, long revokedBy, Instant now) {
        return jdbc.sql("""
                UPDATE evaluation_share
                SET revoked_at = :now, revoked_by = :revokedBy
                WHERE id = :shareId
                  AND structure_id = :structureId
                  AND revoked_at IS NULL
                """)
                .param("shareId", shareId)
                .param("structureId", structureId)
                .param("revokedBy", revokedBy)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** Ends every active share of the structure with this recipient. */
    public void revokeAllTo(long structureId, long recipientId, long revokedBy, Instant now) {
        jdbc.sql("""
                UPDATE evaluation_share
                SET revoked_at = :now, revoked_by = :revokedBy
                WHERE structure_id = :structureId
                  AND recipient_id = :recipientId
                  AND revoked_at IS NULL
                """)
                .param("structureId", structureId)
                .param("recipientId", recipientId)
                .param("revokedBy", revokedBy)
                .param("now", Timestamp.from(now))
                .update();
    }

    public List<Share> findActive(long structureId) {
        return jdbc.sql(SELECT_SHARE + """
                WHERE s.structure_id = :structureId
                  AND s.revoked_at IS NULL
                ORDER BY o.name, s.evaluation_id NULLS FIRST
                """)
                .param("structureId", structureId)
                .query(SHARE)
                .list();
    }

    /**
     * Does an active share give this person the evaluation (or, with null, anything of the structure)? Only
     * while the network covers the structure's département: a structure that moved, or a share made before
     * that rule, reaches no one outside.
     */
    /** The networks of this person an active share gives the evaluation to (same rule as {@link #reaches}), by id. */
    public List<Long> recipients(long userId, long structureId, long evaluationId) {
        return jdbc.sql("""
                SELECT DISTINCT s.recipient_id
                FROM evaluation_share s
                JOIN membership m ON m.organisation_id = s.recipient_id
                WHERE m.user_id = :userId
                  AND s.revoked_at IS NULL
                  AND s.structure_id = :structureId
                  AND (s.evaluation_id IS NULL OR s.evaluation_id = :evaluationId)
                """ + "AND " + COVERED + "ORDER BY s.recipient_id")
                .param("userId", userId)
                .param("structureId", structureId)
                .param("evaluationId", evaluationId)
                .query(Long.class)
                .list();
    }

    public boolean reaches(long userId, long structureId, @Nullable Long evaluationId) {
        return jdbc.sql("""
                SELECT EXISTS (
                    SELECT 1
                    FROM evaluation_share s
                    JOIN membership m ON m.organisation_id = s.recipient_id
                    WHERE m.user_id = :userId
                      AND s.revoked_at IS NULL
                      AND s.structure_id = :structureId
                      AND (CAST(:evaluationId AS bigint) IS NULL OR s.evaluation_id IS NULL
                           OR s.evaluation_id = :evaluationId)
                """ + "AND " + COVERED + ")")
                .param("userId", userId)
                .param("structureId", structureId)
                .param("evaluationId", evaluationId, Types.BIGINT)
                .query(Boolean.class)
                .single();
    }

    /** Every active share that reaches this person (its network covering the structure's département). */
    public List<Share> findReaching(long userId) {
        return jdbc.sql(SELECT_SHARE + """
                JOIN membership m ON m.organisation_id = s.recipient_id
                WHERE m.user_id = :userId
                  AND s.revoked_at IS NULL
                """ + "AND " + COVERED + """
                ORDER BY s.structure_id, s.evaluation_id NULLS FIRST
                """)
                .param("userId", userId)
                .query(SHARE)
                .list();
    }
}
