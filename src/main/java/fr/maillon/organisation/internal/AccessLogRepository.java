package fr.maillon.organisation.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import fr.maillon.organisation.AccessLogEntry;

/**
 * The access log: a platform admin's accesses to a structure's data. A row is written in a
 * transaction of its own, since reads happen in read-only ones; one row per person, structure, path
 * and five minutes.
 */
@Repository
public class AccessLogRepository {

    /** Rows are kept per five minutes: reading a page again within them writes nothing. */
    public static final long BUCKET_SECONDS = 300;

    private static final String INSERT = """
            INSERT INTO access_log (structure_id, user_id, username, what, accessed_at, bucket)
            VALUES (:structureId, :userId, :username, :what, :accessedAt, :bucket)
            ON CONFLICT (structure_id, user_id, what, bucket) DO NOTHING
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    public AccessLogRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void record(long structureId, long userId, String username, String what, Instant at) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql(INSERT)
                .param("structureId", structureId).param("userId", userId).param("username", username)
                .param("what", what).param("accessedAt", Timestamp.from(at))
                .param("bucket", at.getEpochSecond() / BUCKET_SECONDS)
                .update());
    }

    /** The newest rows of a structure first. */
    public List<AccessLogEntry> entries(long structureId, int limit, ZoneId zone) {
        return jdbc.sql("""
                SELECT accessed_at, username, what
                FROM access_log
                WHERE structure_id = :structureId
                ORDER BY accessed_at DESC, id DESC
                LIMIT :limit
                """)
                .param("structureId", structureId).param("limit", limit)
                .query((rs, row) -> new AccessLogEntry(rs.getTimestamp("accessed_at").toInstant().atZone(zone),
                        rs.getString("username"), rs.getString("what")))
                .list();
    }
}
