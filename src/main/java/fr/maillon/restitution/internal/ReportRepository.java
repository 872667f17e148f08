package fr.maillon.restitution.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.restitution.Report;
import fr.maillon.restitution.ReportAudience;

@Repository
public class ReportRepository {

    private record Row(long id, long structureId, long evaluationId, String audience, String title) {
    }

    private record Narrative(String section, String narrative) {
    }

    private final JdbcClient jdbc;

    public ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Report> reports(long structureId, long evaluationId) {
        return jdbc.sql("""
                SELECT id, structure_id, evaluation_id, audience, title
                FROM report
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY id
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(Row.class).list().stream().map(this::report).toList();
    }

    /** A report, whoever asks: the caller checks access to its structure. */
    public Optional<Report> find(long reportId) {
        return jdbc.sql("SELECT id, structure_id, evaluation_id, audience, title FROM report WHERE id = :id")
                .param("id", reportId).query(Row.class).optional().map(this::report);
    }

    private Report report(Row row) {
        List<Report.Version> versions = jdbc.sql("""
                SELECT version, finalised_at, imported_at
                FROM report_version
                WHERE structure_id = :structureId
                  AND report_id = :reportId
                ORDER BY version
                """)
                .param("structureId", row.structureId()).param("reportId", row.id())
                .query((rs, n) -> new Report.Version(rs.getInt("version"), rs.getTimestamp("finalised_at").toInstant(),
                        rs.getTimestamp("imported_at") == null ? null : rs.getTimestamp("imported_at").toInstant()))
                .list();
        return new Report(row.id(), row.structureId(), row.evaluationId(), ReportAudience.valueOf(row.audience()),
                row.title(), versions);
    }

    public long insert(long structureId, long evaluationId, ReportAudience audience, String title) {
        return jdbc.sql("""
                INSERT INTO report (structure_id, evaluation_id, audience, title)
                VALUES (:structureId, :evaluationId, :audience, :title)
                RETURNING id
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .param("audience", audience.name()).param("title", title)
                .query(Long.class).single();
    }

    public Map<String, String> narratives(long structureId, long reportId) {
        return jdbc.sql("""
                SELECT section, narrative
                FROM report_section
                WHERE structure_id = :structureId
                  AND report_id = :reportId
                """)
                .param("structureId", structureId).param("reportId", reportId)
                .query(Narrative.class).list().stream()
                .collect(Collectors.toMap(Narrative::section, Narrative::narrative));
    }

    public void saveNarrative(long structureId, long reportId, String section, String narrative) {
        if (narrative.isEmpty()) {
            jdbc.sql("""
                    DELETE FROM report_section
                    WHERE structure_id = :structureId
                      AND report_id = :reportId
                      AND section = :section
                    """)
                    .param("structureId", structureId).param("reportId", reportId).param("section", section).update();
            return;
        }
        jdbc.sql("""
                INSERT INTO report_section (report_id, structure_id, section, narrative)
                VALUES (:reportId, :structureId, :section, :narrative)
                ON CONFLICT (report_id, section) DO UPDATE SET narrative = EXCLUDED.narrative
                """)
                .param("structureId", structureId).param("reportId", reportId).param("section", section)
                .param("narrative", narrative)
                .update();
    }

    /** Keeps a version; two people finalising at once cannot both take the same number. */
    public void insertVersion(long structureId, long reportId, int version, String content, long userId,
            Instant finalisedAt) {
        jdbc.sql("""
                INSERT INTO report_version (report_id, structure_id, version, content, finalised_by, finalised_at)
                VALUES (:reportId, :structureId, :version, CAST(:content AS jsonb), :userId, :finalisedAt)
                """)
                .param("structureId", structureId).param("reportId", reportId).param("version", version)
                .param("content", content).param("userId", userId).param("finalisedAt", Timestamp.from(finalisedAt))
                .update();
    }

    /** Keeps a version brought from another instance, as it was there, marked imported; who finalised it is not known here. */
    public void restoreVersion(long structureId, long reportId, int version, String content, Instant finalisedAt,
            Instant importedAt) {
        jdbc.sql("""
                INSERT INTO report_version (report_id, structure_id, version, content, finalised_at, imported_at)
                VALUES (:reportId, :structureId, :version, CAST(:content AS jsonb), :finalisedAt, :importedAt)
                """)
                .param("structureId", structureId).param("reportId", reportId).param("version", version)
                .param("content", content).param("finalisedAt", Timestamp.from(finalisedAt))
                .param("importedAt", Timestamp.from(importedAt))
                .update();
    }

    public Optional<String> version(long structureId, long reportId, int version) {
        return jdbc.sql("""
                SELECT content::text
                FROM report_version
                WHERE structure_id = :structureId
                  AND report_id = :reportId
                  AND version = :version
                """)
                .param("structureId", structureId).param("reportId", reportId).param("version", version)
                .query(String.class).optional();
    }
}
