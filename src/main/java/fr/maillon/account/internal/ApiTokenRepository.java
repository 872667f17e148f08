package fr.maillon.account.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.account.ApiToken;

@Repository
public class ApiTokenRepository {

    /** How often a token's last use is written: at most once in this span. */
    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(5);

    private final JdbcClient jdbc;

    public ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long userId, String label, String tokenHash, Instant createdAt, Instant expiresAt) {
        return jdbc.sql("""
                INSERT INTO api_token (user_id, label, token_hash, created_at, expires_at)
                VALUES (:userId, :label, :tokenHash, :createdAt, :expiresAt)
                RETURNING id
                """)
                .param("userId", userId)
                .param("label", label)
                .param("tokenHash", tokenHash)
                .param("createdAt", Timestamp.from(createdAt))
                .param("expiresAt", Timestamp.from(expiresAt))
                .query(Long.class)
                .single();
    }

    /** The owner of a token that is neither revoked nor expired at {@code now}. */
    public Optional<Long> findOwnerOfValidToken(String tokenHash, Instant now) {
        return jdbc.sql("""
                SELECT user_id
                FROM api_token
                WHERE token_hash = :tokenHash
                  AND revoked_at IS NULL
                  AND expires_at > :now
                """)
                .param("tokenHash", tokenHash)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .optional();
    }

    /** Marks a token used at {@code now}, at most once every five minutes. */
    public void markUsed(String tokenHash, Instant now) {
        jdbc.sql("""
                UPDATE api_token
                SET last_used_at = :now
                WHERE token_hash = :tokenHash
                  AND (last_used_at IS NULL OR last_used_at < :threshold)
                """)
                .param("tokenHash", tokenHash)
                .param("now", Timestamp.from(now))
                .param("threshold", Timestamp.from(now.minus(LAST_USE_PRECISION)))
                .update();
    }

    /** The tokens of this person that still work at {@code now}, newest first. */
    public List<ApiToken> findActiveByUser(long userId, Instant now) {
        return jdbc.sql("""
                SELECT id, label, created_at, last_used_at, expires_at
                FROM api_token
                WHERE user_id = :userId
                  AND revoked_at IS NULL
                  AND expires_at > :now
                ORDER BY created_at DESC, id DESC
                """)
                .param("userId", userId)
                .param("now", Timestamp.from(now))
                .query(ApiToken.class)
                .list();
    }

    public boolean revoke(long userId, long id, Instant now) {
        return jdbc.sql("""
                UPDATE api_token
                SET revoked_at = :now
                WHERE id = :id
                  AND user_id = :userId
                  AND revoked_at IS NULL
                """)
                .param("id", id)
                .param("userId", userId)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** Revokes every token of this person; returns how many were still usable. */
    public int revokeAll(long userId, Instant now) {
        return jdbc.sql("""
                UPDATE api_token
                SET revoked_at = :now
                WHERE user_id = :userId
                  AND revoked_at IS NULL
                """)
                .param("userId", userId)
                .param("now", Timestamp.from(now))
                .update();
    }
}
