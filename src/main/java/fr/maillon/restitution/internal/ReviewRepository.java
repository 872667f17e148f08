package fr.maillon.restitution.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.restitution.Opinion;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.restitution.Review;

@Repository
public class ReviewRepository {

    /** A reviewer found by the token's hash, with the report it is for and the draft it shows. */
    public record ReviewerRow(long id, long reportId, long structureId, String name, String content, boolean revoked,
            Instant createdAt, LocalDate expiresOn) {
    }

    /** A share found by the token's hash. */
    public record ShareRow(long reportId, long structureId, int version, LocalDate expiresOn, boolean revoked) {
    }

    private final JdbcClient jdbc;

    public ReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long invite(long structureId, long reportId, String name, String tokenHash, String content,
            LocalDate expiresOn, Instant now) {
        return jdbc.sql("""
                INSERT INTO report_reviewer (report_id, structure_id, name, token_hash, content, expires_on, created_at)
                VALUES (:reportId, :structureId, :name, :tokenHash, CAST(:content AS jsonb), :expiresOn, :now)
                RETURNING id
                """)
                .param("structureId", structureId).param("reportId", reportId).param("name", name)
                .param("tokenHash", tokenHash).param("content", content).param("expiresOn", Date.valueOf(expiresOn))
                .param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    public List<Review.Reviewer> reviewers(long structureId, long reportId) {
        return jdbc.sql("""
                SELECT id, name, created_at, revoked_at IS NOT NULL AS revoked, expires_on
                FROM report_reviewer
                WHERE structure_id = :structureId
                  AND report_id = :reportId
                ORDER BY id
                """)
                .param("structureId", structureId).param("reportId", reportId)
                .query(Review.Reviewer.class).list();
    }

    public Optional<ReviewerRow> reviewer(String tokenHash) {
        return jdbc.sql("""
                SELECT id, report_id, structure_id, name, content::text AS content, revoked_at IS NOT NULL AS revoked,
                       created_at, expires_on
                FROM report_reviewer
                WHERE token_hash = :tokenHash
                """)
                .param("tokenHash", tokenHash)
                .query(ReviewerRow.class).optional();
    }

    public boolean revokeReviewer(long structureId, long reportId, long reviewerId, Instant now) {
        return jdbc.sql("""
                UPDATE report_reviewer SET revoked_at = :now
                WHERE id = :id AND report_id = :reportId AND structure_id = :structureId AND revoked_at IS NULL
                """)
                .param("structureId", structureId).param("reportId", reportId).param("id", reviewerId)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    public void comment(long structureId, long reportId, long reviewerId, String section, Opinion opinion,
            @Nullable String text) {
        jdbc.sql("""
                INSERT INTO review_comment (report_id, structure_id, reviewer_id, section, opinion, text)
                VALUES (:reportId, :structureId, :reviewerId, :section, :opinion, :text)
                """)
                .param("structureId", structureId).param("reportId", reportId).param("reviewerId", reviewerId)
                .param("section", section).param("opinion", opinion.name()).param("text", text)
                .update();
    }

    /** The comments on a report (of one reviewer, when given), oldest first. */
    public List<Review.Comment> comments(long structureId, long reportId, @Nullable Long reviewerId) {
        return jdbc.sql("""
                SELECT comment.id, reviewer.name, comment.section, comment.opinion, comment.text, comment.created_at,
                       comment.answer, author.display_name AS answered_by, comment.answered_at
                FROM review_comment comment
                JOIN report_reviewer reviewer ON reviewer.id = comment.reviewer_id
                LEFT JOIN app_user author ON author.id = comment.answered_by
                WHERE comment.structure_id = :structureId
                  AND comment.report_id = :reportId
                  AND (CAST(:reviewerId AS bigint) IS NULL OR comment.reviewer_id = :reviewerId)
                ORDER BY comment.created_at, comment.id
                """)
                .param("structureId", structureId).param("reportId", reportId)
                .param("reviewerId", reviewerId, java.sql.Types.BIGINT)
                .query(COMMENT).list();
    }

    /**
     * The comments made through links made since {@code since} (every link when null): those on the
     * draft that the next version freezes, oldest first.
     */
    public List<Review.Comment> commentsSince(long structureId, long reportId, @Nullable Instant since) {
        return jdbc.sql("""
                SELECT comment.id, reviewer.name, comment.section, comment.opinion, comment.text, comment.created_at,
                       comment.answer, author.display_name AS answered_by, comment.answered_at
                FROM review_comment comment
                JOIN report_reviewer reviewer ON reviewer.id = comment.reviewer_id
                LEFT JOIN app_user author ON author.id = comment.answered_by
                WHERE comment.structure_id = :structureId
                  AND comment.report_id = :reportId
                  AND (CAST(:since AS timestamptz) IS NULL OR reviewer.created_at >= :since)
                ORDER BY comment.created_at, comment.id
                """)
                .param("structureId", structureId).param("reportId", reportId)
                .param("since", since == null ? null : Timestamp.from(since), java.sql.Types.TIMESTAMP)
                .query(COMMENT).list();
    }

    private static final RowMapper<Review.Comment> COMMENT = (rs, row) -> new Review.Comment(rs.getLong("id"),
            rs.getString("name"), ReportAudience.Section.valueOf(rs.getString("section")),
            Opinion.valueOf(rs.getString("opinion")), rs.getString("text"), rs.getTimestamp("created_at").toInstant(),
            rs.getString("answer"), rs.getString("answered_by"),
            rs.getTimestamp("answered_at") == null ? null : rs.getTimestamp("answered_at").toInstant());

    public boolean answer(long structureId, long reportId, long commentId, String answer, long userId, Instant now) {
        return jdbc.sql("""
                UPDATE review_comment SET answer = :answer, answered_by = :userId, answered_at = :now
                WHERE id = :id AND report_id = :reportId AND structure_id = :structureId
                """)
                .param("structureId", structureId).param("reportId", reportId).param("id", commentId)
                .param("answer", answer).param("userId", userId).param("now", Timestamp.from(now))
                .update() == 1;
    }

    public void share(long structureId, long reportId, int version, String tokenHash, LocalDate expiresOn,
            long userId) {
        jdbc.sql("""
                INSERT INTO report_share (report_id, structure_id, version, token_hash, expires_on, created_by)
                VALUES (:reportId, :structureId, :version, :tokenHash, :expiresOn, :userId)
                """)
                .param("structureId", structureId).param("reportId", reportId).param("version", version)
                .param("tokenHash", tokenHash).param("expiresOn", Date.valueOf(expiresOn)).param("userId", userId)
                .update();
    }

    public List<Review.Share> shares(long structureId, long reportId) {
        return jdbc.sql("""
                SELECT id, version, expires_on, revoked_at IS NOT NULL AS revoked, created_at
                FROM report_share
                WHERE structure_id = :structureId
                  AND report_id = :reportId
                ORDER BY id
                """)
                .param("structureId", structureId).param("reportId", reportId)
                .query(Review.Share.class).list();
    }

    public Optional<ShareRow> share(String tokenHash) {
        return jdbc.sql("""
                SELECT report_id, structure_id, version, expires_on, revoked_at IS NOT NULL AS revoked
                FROM report_share
                WHERE token_hash = :tokenHash
                """)
                .param("tokenHash", tokenHash)
                .query(ShareRow.class).optional();
    }

    public boolean revokeShare(long structureId, long reportId, long shareId, Instant now) {
        return jdbc.sql("""
                UPDATE report_share SET revoked_at = :now
                WHERE id = :id AND report_id = :reportId AND structure_id = :structureId AND revoked_at IS NULL
                """)
                .param("structureId", structureId).param("reportId", reportId).param("id", shareId)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }
}
