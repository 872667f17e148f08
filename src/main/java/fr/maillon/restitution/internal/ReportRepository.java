package fr.maillon.restitution.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.restitution.Report;
import fr.maillon.restitution.ReportAudience;
import fr.maillon.web.Edit;

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

    /** The version of each section's narrative that has one (the others are at 0). */
    public Map<String, Integer> narrativeVersions(long structureId, long reportId) {
        return jdbc.sql("""
                SELECT section, version
                FROM report_section
                WHERE structure_id = :structureId
                  AND report_id = :reportId
                """)
                .param("structureId", structureId).param("reportId", reportId)
                .query((rs, row) -> Map.entry(rs.getString("section"), rs.getInt("version"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** A section's narrative as stored, with its version and who wrote it last, and when. */
    public Optional<StoredNarrative> storedNarrative(long structureId, long reportId, String section) {
        return jdbc.sql("""
                SELECT s.narrative, s.version, u.display_name AS updated_by, s.updated_at
                FROM report_section s
                LEFT JOIN app_user u ON u.id = s.updated_by
                WHERE s.structure_id = :structureId
                  AND s.report_id = :reportId
                  AND s.section = :section
                """)
                .param("structureId", structureId).param("reportId", reportId).param("section", section)
                .query((rs, row) -> new StoredNarrative(rs.getString("narrative"), rs.getInt("version"),
                        rs.getString("updated_by"), rs.getObject("updated_at", OffsetDateTime.class)))
                .optional();
    }

    /**
     * Writes a section's narrative (or clears it, when empty) over the version the author read, 0
     * when there was none; false, and nothing written, when someone saved it meanwhile.
     */
    public boolean saveNarrative(long structureId, long reportId, String section, String narrative, Edit edit) {
        MapSqlParameterSource parameters = edit.addTo(new MapSqlParameterSource().addValue("structureId", structureId)
                .addValue("reportId", reportId).addValue("section", section).addValue("narrative", narrative));
        if (narrative.isEmpty()) {
            jdbc.sql("""
                    DELETE FROM report_section
                    WHERE structure_id = :structureId
                      AND report_id = :reportId
                      AND section = :section
                      AND (CAST(:version AS integer) IS NULL OR version = :version)
                    """)
                    .paramSource(parameters).update();
            return storedNarrative(structureId, reportId, section).isEmpty();
        }
        return jdbc.sql("""
                INSERT INTO report_section (report_id, structure_id, section, narrative, version, updated_by, updated_at)
                SELECT :reportId, :structureId, :section, :narrative, 1, :updatedBy, :updatedAt
                WHERE coalesce(CAST(:version AS integer), 0) = 0
                   OR EXISTS (SELECT 1 FROM report_section WHERE report_id = :reportId AND section = :section)
                ON CONFLICT (report_id, section) DO UPDATE
                SET narrative = EXCLUDED.narrative, version = report_section.version + 1,
                    updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                WHERE report_section.structure_id = :structureId
                  AND (CAST(:version AS integer) IS NULL OR report_section.version = :version)
                """)
                .paramSource(parameters)
                .update() == 1;
    }

    /** A section's narrative as stored: its text, version, last author (her name) and time. */
    public record StoredNarrative(String narrative, int version, @Nullable String updatedBy,
            @Nullable OffsetDateTime updatedAt) {
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
