package fr.maillon.restitution.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.restitution.AnnotationTarget;

/** The networks' annotations of an evaluation and the structure's answers; every query keeps to one structure. */
@Repository
public class AnnotationRepository {

    /** An annotation as stored, before its target is named. */
    public record Row(long id, long evaluationId, long organisationId, String organisationName,
            AnnotationTarget targetKind, long targetId, String text, @Nullable String author, Instant createdAt,
            @Nullable String answer, @Nullable String answeredBy, @Nullable Instant answeredAt) {
    }

    private static final String SELECT = """
            SELECT a.id, a.evaluation_id, a.organisation_id, o.name AS organisation_name, a.target_kind, a.target_id,
                   a.text, author.display_name AS author, a.created_at, a.answer,
                   answerer.display_name AS answered_by, a.answered_at
            FROM annotation a
            JOIN organisation o ON o.id = a.organisation_id
            LEFT JOIN app_user author ON author.id = a.created_by
            LEFT JOIN app_user answerer ON answerer.id = a.answered_by
            WHERE a.structure_id = :structureId
              AND a.evaluation_id = :evaluationId
            """;

    private static final RowMapper<Row> ROW = (rs, row) -> new Row(rs.getLong("id"), rs.getLong("evaluation_id"),
            rs.getLong("organisation_id"), rs.getString("organisation_name"),
            AnnotationTarget.valueOf(rs.getString("target_kind")), rs.getLong("target_id"), rs.getString("text"),
            rs.getString("author"), rs.getTimestamp("created_at").toInstant(), rs.getString("answer"),
            rs.getString("answered_by"), rs.getTimestamp("answered_at") == null ? null
                    : rs.getTimestamp("answered_at").toInstant());

    private final JdbcClient jdbc;

    public AnnotationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The evaluation's annotations, oldest first; with {@code organisations}, only theirs. */
    public List<Row> annotations(long structureId, long evaluationId, @Nullable Collection<Long> organisations) {
        if (organisations != null && organisations.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + (organisations == null ? "" : "  AND a.organisation_id IN (:organisations)\n")
                + "ORDER BY a.created_at, a.id")
                .param("structureId", structureId)
                .param("evaluationId", evaluationId)
                .param("organisations", organisations == null ? List.of(0L) : organisations)
                .query(ROW)
                .list();
    }

    public long insert(long structureId, long evaluationId, long organisationId, AnnotationTarget kind, long targetId,
            String text, long userId, Instant now) {
        return jdbc.sql("""
                INSERT INTO annotation (structure_id, evaluation_id, organisation_id, target_kind, target_id, text,
                                        created_by, created_at)
                VALUES (:structureId, :evaluationId, :organisationId, :kind, :targetId, :text, :userId, :now)
                RETURNING id
                """)
                .param("structureId", structureId)
                .param("evaluationId", evaluationId)
                .param("organisationId", organisationId)
                .param("kind", kind.name())
                .param("targetId", targetId)
                .param("text", text)
                .param("userId", userId)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    /** Writes (or rewrites) the structure's answer; false when the annotation is not this evaluation's. */
    public boolean answer(long structureId, long evaluationId, long annotationId, String answer, long userId,
            Instant now) {
        return jdbc.sql("""
                UPDATE annotation
                SET answer = :answer, answered_by = :userId, answered_at = :now
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                """)
                .param("answer", answer)
                .param("userId", userId)
                .param("now", Timestamp.from(now))
                .param("id", annotationId)
                .param("structureId", structureId)
                .param("evaluationId", evaluationId)
                .update() == 1;
    }

    /** How many annotations this person wrote since then, whatever the structure: the daily limit. */
    public int writtenSince(long userId, Instant since) {
        return jdbc.sql("""
                SELECT count(*)
                FROM annotation
                WHERE created_by = :userId
                  AND created_at >= :since
                """)
                .param("userId", userId)
                .param("since", Timestamp.from(since))
                .query(Integer.class)
                .single();
    }
}
