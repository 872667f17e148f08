package fr.maillon.chain.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A structure's own référentiels of effect dimensions, and the référentiels it hides. */
@Repository
public class ReferentialRepository {

    /**
     * The référentiels offered to structure {@code s} (joined as {@code s}, référentiel as {@code r}):
     * its own, and the shipped ones that are national or of its département and speak to its kind.
     */
    static final String OFFERED = """
            WHERE (r.structure_id = :structureId
                   OR (r.structure_id IS NULL
                       AND (r.departement IS NULL OR r.departement = s.departement)
                       AND (r.kinds IS NULL OR s.kind = ANY (r.kinds))))
            """;

    /** A référentiel offered to a structure, and whether the structure hides it. */
    public record OfferedReferential(long id, String code, String name, boolean own, boolean hidden) {
    }

    public List<OfferedReferential> offered(long structureId) {
        return jdbc.sql("""
                SELECT r.id, r.code, r.name, r.structure_id IS NOT NULL AS own,
                       EXISTS (SELECT 1
                               FROM structure_hidden_referential hidden
                               WHERE hidden.structure_id = :structureId
                                 AND hidden.referential_id = r.id) AS hidden
                FROM referential r
                JOIN structure s ON s.id = :structureId
                """ + OFFERED + """
                ORDER BY r.structure_id NULLS FIRST, r.id
                """)
                .param("structureId", structureId)
                .query(OfferedReferential.class)
                .list();
    }

    public void hide(long structureId, long referentialId) {
        jdbc.sql("""
                INSERT INTO structure_hidden_referential (structure_id, referential_id)
                VALUES (:structureId, :referentialId)
                ON CONFLICT DO NOTHING
                """)
                .param("structureId", structureId)
                .param("referentialId", referentialId)
                .update();
    }

    public void show(long structureId, long referentialId) {
        jdbc.sql("""
                DELETE FROM structure_hidden_referential
                WHERE structure_id = :structureId
                  AND referential_id = :referentialId
                """)
                .param("structureId", structureId)
                .param("referentialId", referentialId)
                .update();
    }

    private final JdbcClient jdbc;

    public ReferentialRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean codeExists(long structureId, String code) {
        return jdbc.sql("""
                SELECT EXISTS (
                    SELECT 1
                    FROM referential
                    WHERE code = :code
                      AND (structure_id IS NULL OR structure_id = :structureId))
                """)
                .param("structureId", structureId)
                .param("code", code)
                .query(Boolean.class)
                .single();
    }

    public long insert(long structureId, String code, String name) {
        return jdbc.sql("""
                INSERT INTO referential (structure_id, code, name)
                VALUES (:structureId, :code, :name)
                RETURNING id
                """)
                .param("structureId", structureId)
                .param("code", code)
                .param("name", name)
                .query(Long.class)
                .single();
    }

    public void insertDimension(long referentialId, String code, String label, int position) {
        jdbc.sql("""
                INSERT INTO referential_dimension (referential_id, code, label, position)
                VALUES (:referentialId, :code, :label, :position)
                """)
                .param("referentialId", referentialId)
                .param("code", code)
                .param("label", label)
                .param("position", position)
                .update();
    }
}
