package fr.maillon.agrement.internal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.agrement.AgrementPart;

/** The texts a structure adds to its file's parts, and the projet familles marked "sans objet". */
@Repository
public class AgrementNoteRepository {

    /** A part's stored text and mark. */
    public record Note(AgrementPart part, @Nullable String text, boolean notApplicable) {
    }

    private static final String UPSERT = """
            INSERT INTO agrement_note (structure_id, evaluation_id, part, text, not_applicable, updated_at, updated_by)
            VALUES (:structureId, :evaluationId, :part, :text, :notApplicable, :updatedAt, :updatedBy)
            ON CONFLICT (structure_id, evaluation_id, part)
            DO UPDATE SET text = EXCLUDED.text,
                          not_applicable = EXCLUDED.not_applicable,
                          updated_at = EXCLUDED.updated_at,
                          updated_by = EXCLUDED.updated_by
            """;

    private final JdbcClient jdbc;

    public AgrementNoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Note> notes(long structureId, long evaluationId) {
        return jdbc.sql("""
                SELECT part, text, not_applicable
                FROM agrement_note
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                """)
                .param("structureId", structureId)
                .param("evaluationId", evaluationId)
                .query((rs, row) -> new Note(AgrementPart.valueOf(rs.getString("part")), rs.getString("text"),
                        rs.getBoolean("not_applicable")))
                .list();
    }

    /** Writes the part's text and mark; a part with neither is removed. */
    public void save(long structureId, long evaluationId, AgrementPart part, @Nullable String text,
            boolean notApplicable, Instant at, long userId) {
        if (text == null && !notApplicable) {
            jdbc.sql("""
                    DELETE FROM agrement_note
                    WHERE structure_id = :structureId
                      AND evaluation_id = :evaluationId
                      AND part = :part
                    """)
                    .param("structureId", structureId)
                    .param("evaluationId", evaluationId)
                    .param("part", part.name())
                    .update();
            return;
        }
        jdbc.sql(UPSERT)
                .param("structureId", structureId)
                .param("evaluationId", evaluationId)
                .param("part", part.name())
                .param("text", text)
                .param("notApplicable", notApplicable)
                .param("updatedAt", java.sql.Timestamp.from(at))
                .param("updatedBy", userId)
                .update();
    }
}
