package fr.maillon.account.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.account.ApiToken;

@Repository
public class ApiTokenRepository {

    private final JdbcClient jdbc;

    public ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long userId, String label, String tokenHash) {
        return jdbc.sql("""
                INSERT INTO api_token (user_id, label, token_hash)
                VALUES (:userId, :label, :tokenHash)
                RETURNING id
                """)
                .param("userId", userId)
                .param("label", label)
                .param("tokenHash", tokenHash)
                .query(Long.class)
                .single();
    }

    /** The owner of an active token; marks it used, at most once every five minutes. */
    public Optional<Long> useActiveToken(String tokenHash) {
        Optional<Long> userId = jdbc.sql("""
                SELECT user_id
                FROM api_token
                WHERE token_hash = :tokenHash
                  AND revoked_at IS NULL
                """)
                .param("tokenHash", tokenHash)
                .query(Long.class)
                .optional();
        if (userId.isPresent()) {
            jdbc.sql("""
                    UPDATE api_token
                    SET last_used_at = now()
                    WHERE token_hash = :tokenHash
                      AND (last_used_at IS NULL OR last_used_at < now() - interval '5 minutes')
                    """)
                    .param("tokenHash", tokenHash)
                    .update();
        }
        return userId;
    }

    public List<ApiToken> findActiveByUser(long userId) {
        return jdbc.sql("""
                SELECT id, label, created_at, last_used_at
                FROM api_token
                WHERE user_id = :userId
                  AND revoked_at IS NULL
                ORDER BY created_at DESC, id DESC
                """)
                .param("userId", userId)
                .query(ApiToken.class)
                .list();
    }

    public boolean revoke(long userId, long id) {
        return jdbc.sql("""
                UPDATE api_token
                SET revoked_at = now()
                WHERE id = :id
                  AND user_id = :userId
                  AND revoked_at IS NULL
                """)
                .param("id", id)
                .param("userId", userId)
                .update() == 1;
    }
}
