package fr.maillon.account.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.account.UserAccount;

@Repository
public class UserRepository {

    private static final String SELECT_USER = """
            SELECT id, username, display_name, password_hash, platform_admin, locked_until
            FROM app_user
            """;

    private static final String RECORD_FAILURE = """
            UPDATE app_user
            SET failed_attempts = CASE WHEN failed_attempts + 1 >= :maxAttempts THEN 0 ELSE failed_attempts + 1 END,
                locked_until = CASE WHEN failed_attempts + 1 >= :maxAttempts
                                    THEN now() + make_interval(secs => :lockSeconds)
                                    ELSE locked_until END
            WHERE username = :username
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

    public void updatePassword(long id, String passwordHash) {
        int updated = jdbc.sql("UPDATE app_user SET password_hash = :passwordHash WHERE id = :id")
                .param("passwordHash", passwordHash)
                .param("id", id)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("No user " + id);
        }
    }

    /** Counts a failed sign-in; the one that reaches {@code maxAttempts} locks the account. */
    public void recordFailure(String username, int maxAttempts, Duration lockDuration) {
        jdbc.sql(RECORD_FAILURE)
                .param("username", username)
                .param("maxAttempts", maxAttempts)
                .param("lockSeconds", (double) lockDuration.toSeconds())
                .update();
    }

    public void recordSuccess(String username) {
        jdbc.sql("""
                UPDATE app_user
                SET failed_attempts = 0, locked_until = NULL
                WHERE username = :username
                  AND (failed_attempts <> 0 OR locked_until IS NOT NULL)
                """)
                .param("username", username)
                .update();
    }
}
