package fr.maillon.evidence.internal;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.evidence.Evidence;
import fr.maillon.evidence.EvidenceDraft;
import fr.maillon.evidence.EvidenceFile;
import fr.maillon.evidence.EvidenceKind;

@Repository
public class EvidenceRepository {

    private record Link(long evidenceId, long effectId) {
    }

    private final JdbcClient jdbc;

    public EvidenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Evidence> evidence(long structureId, long evaluationId) {
        Map<Long, List<Long>> effects = jdbc.sql("""
                SELECT evidence_id, effect_id
                FROM evidence_effect
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY effect_id
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(Link.class).list().stream()
                .collect(Collectors.groupingBy(Link::evidenceId, Collectors.mapping(Link::effectId, Collectors.toList())));
        return jdbc.sql("""
                SELECT id, evaluation_id, kind, title, body, source, collected_on, consent, file_name, media_type,
                       coalesce(octet_length(content), 0) AS size
                FROM evidence
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY collected_on DESC NULLS LAST, id DESC
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query((rs, row) -> {
                    Date collected = rs.getDate("collected_on");
                    long id = rs.getLong("id");
                    return new Evidence(id, rs.getLong("evaluation_id"), EvidenceKind.valueOf(rs.getString("kind")),
                            rs.getString("title"), rs.getString("body"), rs.getString("source"),
                            collected == null ? null : collected.toLocalDate(), rs.getBoolean("consent"),
                            rs.getString("file_name"), rs.getString("media_type"), rs.getLong("size"),
                            effects.getOrDefault(id, List.of()));
                })
                .list();
    }

    public long insert(long structureId, long evaluationId, EvidenceDraft draft, @Nullable String mediaType,
            long userId) {
        long id = jdbc.sql("""
                INSERT INTO evidence (structure_id, evaluation_id, kind, title, body, source, collected_on, consent,
                                      file_name, media_type, content, created_by)
                VALUES (:structureId, :evaluationId, :kind, :title, :body, :source, :collectedOn, :consent, :fileName,
                        :mediaType, :content, :userId)
                RETURNING id
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .param("kind", draft.kind().name()).param("title", draft.title()).param("body", draft.body())
                .param("source", draft.source()).param("collectedOn", draft.collectedOn())
                .param("consent", Boolean.TRUE.equals(draft.consent()))
                .param("fileName", mediaType == null ? null : draft.fileName()).param("mediaType", mediaType)
                .param("content", mediaType == null ? null : draft.content()).param("userId", userId)
                .query(Long.class).single();
        for (Long effect : draft.effectIds() == null ? List.<Long>of() : draft.effectIds()) {
            jdbc.sql("""
                    INSERT INTO evidence_effect (evidence_id, effect_id, structure_id, evaluation_id)
                    VALUES (:id, :effect, :structureId, :evaluationId)
                    """)
                    .param("id", id).param("effect", effect).param("structureId", structureId)
                    .param("evaluationId", evaluationId)
                    .update();
        }
        return id;
    }

    public Optional<EvidenceFile> file(long structureId, long evaluationId, long id) {
        return jdbc.sql("""
                SELECT file_name, media_type, content
                FROM evidence
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                  AND content IS NOT NULL
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId).param("id", id)
                .query((rs, row) -> new EvidenceFile(rs.getString("file_name"), rs.getString("media_type"),
                        rs.getBytes("content")))
                .optional();
    }

    public boolean delete(long structureId, long evaluationId, long id) {
        return jdbc.sql("DELETE FROM evidence WHERE id = :id AND structure_id = :structureId AND evaluation_id = :evaluationId")
                .param("structureId", structureId).param("evaluationId", evaluationId).param("id", id)
                .update() == 1;
    }
}
