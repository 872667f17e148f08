package fr.maillon.importing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.importing.ImportFile;
import fr.maillon.importing.ImportKind;

@Repository
public class ImportFileRepository {

    private final JdbcClient jdbc;

    public ImportFileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String token, long structureId, long evaluationId, long userId, ImportKind kind,
            @Nullable Long targetId, String filename, byte[] content, Instant now) {
        jdbc.sql("DELETE FROM import_file WHERE created_at < :cutoff")
                .param("cutoff", Timestamp.from(now.minus(2, ChronoUnit.DAYS))).update();
        jdbc.sql("""
                INSERT INTO import_file (token, structure_id, evaluation_id, uploaded_by, kind, target_id, filename,
                                         content, created_at)
                VALUES (:token, :structureId, :evaluationId, :userId, :kind, :targetId, :filename, :content, :now)
                """)
                .param("token", token).param("structureId", structureId).param("evaluationId", evaluationId)
                .param("userId", userId).param("kind", kind.name()).param("targetId", targetId)
                .param("filename", filename).param("content", content).param("now", Timestamp.from(now))
                .update();
    }

    /** A file by its token; the caller checks it may use it. */
    public Optional<ImportFile> find(String token) {
        return jdbc.sql("""
                SELECT id, token, structure_id, evaluation_id, uploaded_by, kind, target_id, filename, content
                FROM import_file
                WHERE token = :token
                """)
                .param("token", token)
                .query((rs, row) -> new ImportFile(rs.getLong("id"), rs.getString("token"), rs.getLong("structure_id"),
                        rs.getLong("evaluation_id"), rs.getLong("uploaded_by"), ImportKind.valueOf(rs.getString("kind")),
                        rs.getObject("target_id", Long.class), rs.getString("filename"), rs.getBytes("content")))
                .optional();
    }

    public void delete(long structureId, String token) {
        jdbc.sql("DELETE FROM import_file WHERE token = :token AND structure_id = :structureId")
                .param("token", token).param("structureId", structureId).update();
    }
}
