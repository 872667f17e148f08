package fr.maillon.framework.internal;

import java.sql.Array;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.framework.Aggregation;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.Direction;
import fr.maillon.framework.IndicatorLibrary;
import fr.maillon.framework.LibraryEntry;
import fr.maillon.framework.Measure;
import fr.maillon.framework.PeriodType;

/** Libraries of indicators: Maillon's and the federations'. */
@Repository
public class LibraryRepository {

    private static final RowMapper<LibraryEntry> ENTRY = (rs, row) -> {
        Array levels = rs.getArray("scale_levels");
        return new LibraryEntry(rs.getLong("id"), rs.getLong("library_id"), rs.getString("code"), rs.getString("theme"),
                rs.getString("name"), rs.getString("description"), Measure.valueOf(rs.getString("measure")),
                rs.getString("unit"), levels == null ? null : Arrays.asList((String[]) levels.getArray()),
                Direction.valueOf(rs.getString("direction")), PeriodType.valueOf(rs.getString("frequency")),
                Aggregation.valueOf(rs.getString("aggregation")), DataSource.valueOf(rs.getString("source")),
                rs.getString("formula"), rs.getString("disaggregation_code"));
    };

    private record LibraryRow(long id, @Nullable Long organisationId, String code, String name,
            @Nullable String description, boolean published) {
    }

    private final JdbcClient jdbc;

    public LibraryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The libraries a structure sees: Maillon's national ones and its département's that speak to
     * its kind, and those published by a federation covering its département.
     */
    public List<IndicatorLibrary> visibleTo(long structureId) {
        return withEntries(jdbc.sql("""
                SELECT library.id, library.organisation_id, library.code, library.name, library.description,
                       library.published
                FROM indicator_library library
                WHERE (library.organisation_id IS NULL AND EXISTS (
                           SELECT 1
                           FROM structure
                           WHERE structure.id = :structureId
                             AND (library.departement IS NULL OR library.departement = structure.departement)
                             AND (library.kinds IS NULL OR structure.kind = ANY (library.kinds))))
                   OR (library.published AND EXISTS (
                           SELECT 1
                           FROM organisation_departement covered
                           JOIN structure ON structure.departement = covered.departement
                           WHERE covered.organisation_id = library.organisation_id
                             AND structure.id = :structureId))
                ORDER BY library.organisation_id NULLS FIRST, library.id
                """)
                .param("structureId", structureId)
                .query(LibraryRow.class).list());
    }

    public Optional<IndicatorLibrary> ofOrganisation(long organisationId) {
        return withEntries(jdbc.sql("""
                SELECT id, organisation_id, code, name, description, published
                FROM indicator_library
                WHERE organisation_id = :organisationId
                """)
                .param("organisationId", organisationId)
                .query(LibraryRow.class).list()).stream().findFirst();
    }

    public long create(long organisationId, String name) {
        return jdbc.sql("""
                INSERT INTO indicator_library (organisation_id, code, name)
                VALUES (:organisationId, 'federation_' || :organisationId, :name)
                ON CONFLICT (organisation_id, code) DO UPDATE SET name = indicator_library.name
                RETURNING id
                """)
                .param("organisationId", organisationId).param("name", name)
                .query(Long.class).single();
    }

    public void publish(long organisationId, boolean published) {
        jdbc.sql("UPDATE indicator_library SET published = :published WHERE organisation_id = :organisationId")
                .param("organisationId", organisationId).param("published", published)
                .update();
    }

    public long addEntry(long libraryId, LibraryEntry entry) {
        return jdbc.sql("""
                INSERT INTO library_indicator (library_id, code, theme, name, description, measure, unit, scale_levels,
                                               direction, frequency, aggregation, source, formula, disaggregation_code,
                                               position)
                VALUES (:libraryId, :code, :theme, :name, :description, :measure, :unit, :scaleLevels, :direction,
                        :frequency, :aggregation, :source, :formula, :disaggregationCode,
                        (SELECT coalesce(max(position), 0) + 1 FROM library_indicator WHERE library_id = :libraryId))
                RETURNING id
                """)
                .param("libraryId", libraryId).param("code", entry.code()).param("theme", entry.theme())
                .param("name", entry.name()).param("description", entry.description())
                .param("measure", entry.measure().name()).param("unit", entry.unit())
                .param("scaleLevels", entry.scaleLevels() == null ? null : Sql.textArray(entry.scaleLevels()))
                .param("direction", entry.direction().name()).param("frequency", entry.frequency().name())
                .param("aggregation", entry.aggregation().name()).param("source", entry.source().name())
                .param("formula", entry.formula()).param("disaggregationCode", entry.disaggregationCode())
                .query(Long.class).single();
    }

    public boolean deleteEntry(long libraryId, long entryId) {
        return jdbc.sql("DELETE FROM library_indicator WHERE id = :entryId AND library_id = :libraryId")
                .param("libraryId", libraryId).param("entryId", entryId)
                .update() == 1;
    }

    private List<IndicatorLibrary> withEntries(List<LibraryRow> libraries) {
        if (libraries.isEmpty()) {
            return List.of();
        }
        Map<Long, List<LibraryEntry>> entries = entries(libraries.stream().map(LibraryRow::id).toList()).stream()
                .collect(Collectors.groupingBy(LibraryEntry::libraryId));
        return libraries.stream().map(library -> new IndicatorLibrary(library.id(), library.organisationId(),
                library.code(), library.name(), library.description(), library.published(),
                entries.getOrDefault(library.id(), List.of()))).toList();
    }

    private List<LibraryEntry> entries(Collection<Long> libraryIds) {
        return jdbc.sql("""
                SELECT id, library_id, code, theme, name, description, measure, unit, scale_levels, direction, frequency,
                       aggregation, source, formula, disaggregation_code
                FROM library_indicator
                WHERE library_id IN (:libraryIds)
                ORDER BY library_id, position, id
                """)
                .param("libraryIds", libraryIds)
                .query(ENTRY).list();
    }
}
