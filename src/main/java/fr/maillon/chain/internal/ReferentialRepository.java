package fr.maillon.chain.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A structure's own référentiels of effect dimensions. */
@Repository
public class ReferentialRepository {

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
