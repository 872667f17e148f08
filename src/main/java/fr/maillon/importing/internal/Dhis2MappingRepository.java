package fr.maillon.importing.internal;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.importing.Dhis2Mapping;

/** A structure's DHIS2 mappings and their lines. */
@Repository
public class Dhis2MappingRepository {

    private static final String MAPPINGS = """
            SELECT id, structure_id, name, organisation_unit, version
            FROM dhis2_mapping
            WHERE structure_id = :structureId
            ORDER BY name
            """;

    private static final String LINES = """
            SELECT mapping_id, data_element, category_option_combo, indicator_code, category
            FROM dhis2_mapping_line
            WHERE structure_id = :structureId
            ORDER BY mapping_id, position
            """;

    private final JdbcClient jdbc;

    public Dhis2MappingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record MappingRow(long id, long structureId, String name, @Nullable String organisationUnit, int version) {
    }

    private record LineRow(long mappingId, String dataElement, String categoryOptionCombo, String indicatorCode,
            String category) {
    }

    public List<Dhis2Mapping> mappings(long structureId) {
        List<MappingRow> mappings = jdbc.sql(MAPPINGS).param("structureId", structureId).query(MappingRow.class).list();
        List<LineRow> lines = jdbc.sql(LINES).param("structureId", structureId).query(LineRow.class).list();
        return mappings.stream().map(mapping -> new Dhis2Mapping(mapping.id(), mapping.structureId(), mapping.name(),
                mapping.organisationUnit(), mapping.version(), lines.stream()
                        .filter(line -> line.mappingId() == mapping.id())
                        .map(line -> new Dhis2Mapping.Line(line.dataElement(), line.categoryOptionCombo(),
                                line.indicatorCode(), line.category())).toList())).toList();
    }

    public Optional<Dhis2Mapping> mapping(long structureId, long id) {
        return mappings(structureId).stream().filter(mapping -> mapping.id() == id).findFirst();
    }

    public boolean nameTaken(long structureId, String name, @Nullable Long except) {
        return jdbc.sql("""
                SELECT count(*)
                FROM dhis2_mapping
                WHERE structure_id = :structureId
                  AND lower(name) = lower(:name)
                  AND id <> coalesce(:except, -1)
                """)
                .param("structureId", structureId).param("name", name).param("except", except)
                .query(Long.class).single() > 0;
    }

    public long insert(long structureId, String name, @Nullable String organisationUnit) {
        return jdbc.sql("""
                INSERT INTO dhis2_mapping (structure_id, name, organisation_unit)
                VALUES (:structureId, :name, :organisationUnit)
                RETURNING id
                """)
                .param("structureId", structureId).param("name", name).param("organisationUnit", organisationUnit)
                .query(Long.class).single();
    }

    /** Renames the mapping and bumps its version, when it is still at {@code version}; false otherwise. */
    public boolean update(long structureId, long id, String name, @Nullable String organisationUnit, int version) {
        return jdbc.sql("""
                UPDATE dhis2_mapping
                SET name = :name, organisation_unit = :organisationUnit, version = version + 1
                WHERE id = :id
                  AND structure_id = :structureId
                  AND version = :version
                """)
                .param("structureId", structureId).param("id", id).param("name", name)
                .param("organisationUnit", organisationUnit).param("version", version).update() == 1;
    }

    public void replaceLines(long structureId, long mappingId, List<Dhis2Mapping.Line> lines) {
        jdbc.sql("DELETE FROM dhis2_mapping_line WHERE mapping_id = :mappingId AND structure_id = :structureId")
                .param("mappingId", mappingId).param("structureId", structureId).update();
        for (int i = 0; i < lines.size(); i++) {
            Dhis2Mapping.Line line = lines.get(i);
            jdbc.sql("""
                    INSERT INTO dhis2_mapping_line (mapping_id, structure_id, position, data_element,
                                                    category_option_combo, indicator_code, category)
                    VALUES (:mappingId, :structureId, :position, :dataElement, :combo, :indicatorCode, :category)
                    """)
                    .param("mappingId", mappingId).param("structureId", structureId).param("position", i)
                    .param("dataElement", line.dataElement()).param("combo", line.categoryOptionCombo())
                    .param("indicatorCode", line.indicatorCode()).param("category", line.category()).update();
        }
    }

    public boolean delete(long structureId, long id) {
        return jdbc.sql("DELETE FROM dhis2_mapping WHERE id = :id AND structure_id = :structureId")
                .param("id", id).param("structureId", structureId).update() == 1;
    }
}
