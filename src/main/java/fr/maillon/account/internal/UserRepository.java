package fr.maillon.account.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.account.UserAccount;

@Repository
public class UserRepository {

    private static final String SELECT_USER = """
            SELECT id, username, display_name, password_hash, platform_admin, locked_until, disabled_at,
                   credentials_changed_at
            FROM app_user
            """;

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The new user's id, or nothing when the username was taken (even by a concurrent request). */
    public Optional<Long> insert(String username, String displayName, String passwordHash, boolean platformAdmin) {
        return jdbc.sql("""
                INSERT INTO app_user (username, display_name, password_hash, platform_admin)
                VALUES (:username, :displayName, :passwordHash, :platformAdmin)
                ON CONFLICT (username) DO NOTHING
                RETURNING id
                """)
                .param("username", username)
                .param("displayName", displayName)
                .param("passwordHash", passwordHash)
                .param("platformAdmin", platformAdmin)
                .query(Long.class)
                .optional();
    }

    public Optional<UserRow> findByUsername(String username) {
        return jdbc.sql(SELECT_USER + "WHERE username = :username")
                .param("username", username)
                .query(UserRow.class)
                .optional();
    }

    public Optional<UserRow> findById(long id) {
        return jdbc.sql(SELECT_USER + "WHERE id = :id")
                .param("id", id)
                .query(UserRow.class)
                .optional();
    }

    public List<UserAccount> findAccounts(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT id, username, display_name
                FROM app_user
                WHERE id IN (:ids)
                ORDER BY display_name, username
                """)
                .param("ids", ids)
                .query(UserAccount.class)
                .list();
    }

    public boolean usernameExists(String username) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM app_user WHERE username = :username)")
                .param("username", username)
                .query(Boolean.class)
                .single();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
    }

    /** A new password; sessions signed in before {@code changedAt} end. */
    public void updatePassword(long id, String passwordHash, Instant changedAt) {
        int updated = jdbc.sql("""
                UPDATE app_user
                SET password_hash = :passwordHash,
                    credentials_changed_at = :changedAt
                WHERE id = :id
                """)
                .param("passwordHash", passwordHash)
                .param("changedAt", Timestamp.from(changedAt))
                .param("id", id)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("No user " + id);
        }
    }
}
