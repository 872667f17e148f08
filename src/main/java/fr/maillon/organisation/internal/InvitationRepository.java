package fr.maillon.organisation.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.organisation.Invitation;
import fr.maillon.organisation.Role;

@Repository
public class InvitationRepository {

    private static final String SELECT_INVITATION = """
            SELECT i.id, i.organisation_id, o.name AS organisation_name, i.role, i.invitee, i.expires_at
            FROM invitation i
            JOIN organisation o ON o.id = i.organisation_id
            """;

    private static final RowMapper<Invitation> INVITATION = (rs, row) -> new Invitation(rs.getLong("id"),
            rs.getLong("organisation_id"), rs.getString("organisation_name"), Role.valueOf(rs.getString("role")),
            rs.getString("invitee"), rs.getTimestamp("expires_at").toInstant());

    private final JdbcClient jdbc;

    public InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long organisationId, Role role, String invitee, String tokenHash, long createdBy,
            Instant createdAt, Instant expiresAt) {
        return jdbc.sql("""
                INSERT INTO invitation (organisation_id, role, invitee, token_hash, created_by, created_at, expires_at)
                VALUES (:organisationId, :role, :invitee, :tokenHash, :createdBy, :createdAt, :expiresAt)
                RETURNING id
                """)
                .param("organisationId", organisationId)
                .param("role", role.name())
                .param("invitee", invitee)
                .param("tokenHash", tokenHash)
                .param("createdBy", createdBy)
                .param("createdAt", Timestamp.from(createdAt))
                .param("expiresAt", Timestamp.from(expiresAt))
                .query(Long.class)
                .single();
    }

    /** An invitation that is neither used nor expired at {@code now}. */
    public Optional<Invitation> findUsable(String tokenHash, Instant now) {
        return jdbc.sql(SELECT_INVITATION + """
                WHERE i.token_hash = :tokenHash
                  AND i.accepted_at IS NULL
                  AND i.expires_at > :now
                """)
                .param("tokenHash", tokenHash)
                .param("now", Timestamp.from(now))
                .query(INVITATION)
                .optional();
    }

    public List<Invitation> findPending(long organisationId, Instant now) {
        return jdbc.sql(SELECT_INVITATION + """
                WHERE i.organisation_id = :organisationId
                  AND i.accepted_at IS NULL
                  AND i.expires_at > :now
                ORDER BY i.created_at DESC
                """)
                .param("organisationId", organisationId)
                .param("now", Timestamp.from(now))
                .query(INVITATION)
                .list();
    }

    /** Marks the invitation used at {@code now}; false when someone used it first or it has expired. */
    public boolean accept(long id, long userId, Instant now) {
        return jdbc.sql("""
                UPDATE invitation
                SET accepted_at = :now, accepted_by = :userId
                WHERE id = :id
                  AND accepted_at IS NULL
                  AND expires_at > :now
                """)
                .param("id", id)
                .param("userId", userId)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    public boolean cancel(long organisationId, long id) {
        return jdbc.sql("""
                DELETE FROM invitation
                WHERE id = :id
                  AND organisation_id = :organisationId
                  AND accepted_at IS NULL
                """)
                .param("id", id)
                .param("organisationId", organisationId)
                .update() == 1;
    }
}
