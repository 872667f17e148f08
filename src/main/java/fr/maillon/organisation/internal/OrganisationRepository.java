package fr.maillon.organisation.internal;

import java.sql.Array;
import java.sql.Date;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.organisation.ManagementMode;
import fr.maillon.organisation.Organisation;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Structure;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;
import fr.maillon.organisation.TerritoryType;
import fr.maillon.web.Edit;

/** Organisations and structures' identity cards. */
@Repository
public class OrganisationRepository {

    private static final String SELECT_ORGANISATION = """
            SELECT o.id, o.type, o.name,
                   coalesce(array_agg(d.departement ORDER BY d.departement)
                            FILTER (WHERE d.departement IS NOT NULL), '{}') AS departements
            FROM organisation o
            LEFT JOIN organisation_departement d ON d.organisation_id = o.id
            """;

    private static final String SELECT_STRUCTURE = """
            SELECT s.id, o.name, s.kind, s.departement, s.commune, s.agrement_start, s.agrement_end,
                   s.management_mode, s.territory_type, s.priority_neighbourhood, s.siret,
                   s.volunteer_hourly_rate, s.version, s.employment_company, s.habilitation_date
            FROM structure s
            JOIN organisation o ON o.id = s.id
            """;

    private static final RowMapper<Organisation> ORGANISATION = (rs, row) -> {
        Array departements = rs.getArray("departements");
        return new Organisation(rs.getLong("id"), OrganisationType.valueOf(rs.getString("type")),
                rs.getString("name"), Arrays.asList((String[]) departements.getArray()));
    };

    private static final RowMapper<Structure> STRUCTURE = (rs, row) -> {
        Date start = rs.getDate("agrement_start");
        Date end = rs.getDate("agrement_end");
        String mode = rs.getString("management_mode");
        String territory = rs.getString("territory_type");
        Date habilitation = rs.getDate("habilitation_date");
        return new Structure(rs.getLong("id"), rs.getString("name"), StructureKind.valueOf(rs.getString("kind")),
                rs.getString("departement"), rs.getString("commune"),
                start == null ? null : start.toLocalDate(), end == null ? null : end.toLocalDate(),
                mode == null ? null : ManagementMode.valueOf(mode),
                territory == null ? null : TerritoryType.valueOf(territory),
                rs.getBoolean("priority_neighbourhood"), rs.getString("siret"),
                rs.getBigDecimal("volunteer_hourly_rate"), rs.getInt("version"), rs.getString("employment_company"),
                habilitation == null ? null : habilitation.toLocalDate());
    };

    private final JdbcClient jdbc;

    public OrganisationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insertOrganisation(OrganisationType type, String name) {
        return jdbc.sql("""
                INSERT INTO organisation (type, name)
                VALUES (:type, :name)
                RETURNING id
                """)
                .param("type", type.name())
                .param("name", name)
                .query(Long.class)
                .single();
    }

    public void insertStructure(long id, StructureDraft draft) {
        jdbc.sql("""
                INSERT INTO structure (id, kind, departement, commune, agrement_start, agrement_end,
                                       management_mode, territory_type, priority_neighbourhood, siret,
                                       volunteer_hourly_rate, employment_company, habilitation_date)
                VALUES (:id, :kind, :departement, :commune, :agrementStart, :agrementEnd,
                        :managementMode, :territoryType, :priorityNeighbourhood, :siret, :volunteerHourlyRate,
                        :employmentCompany, :habilitationDate)
                """)
                .paramSource(structureParameters(id, draft))
                .update();
    }

    /** Saves the card over the version the editor read; false (nothing written) when someone saved meanwhile. */
    public boolean updateStructure(long id, StructureDraft draft, Edit edit) {
        int updated = jdbc.sql("""
                UPDATE structure
                SET kind = :kind, departement = :departement, commune = :commune,
                    agrement_start = :agrementStart, agrement_end = :agrementEnd,
                    management_mode = :managementMode, territory_type = :territoryType,
                    priority_neighbourhood = :priorityNeighbourhood, siret = :siret,
                    volunteer_hourly_rate = :volunteerHourlyRate,
                    employment_company = :employmentCompany, habilitation_date = :habilitationDate,
                    version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                """)
                .paramSource(edit.addTo(structureParameters(id, draft)))
                .update();
        if (updated != 1) {
            return false;
        }
        jdbc.sql("UPDATE organisation SET name = :name WHERE id = :id")
                .param("name", draft.name())
                .param("id", id)
                .update();
        return true;
    }

    public void insertDepartements(long organisationId, Collection<String> departements) {
        for (String departement : departements) {
            jdbc.sql("""
                    INSERT INTO organisation_departement (organisation_id, departement)
                    VALUES (:organisationId, :departement)
                    """)
                    .param("organisationId", organisationId)
                    .param("departement", departement)
                    .update();
        }
    }

    public Optional<Organisation> findOrganisation(long id) {
        return jdbc.sql(SELECT_ORGANISATION + """
                WHERE o.id = :id
                GROUP BY o.id
                """)
                .param("id", id)
                .query(ORGANISATION)
                .optional();
    }

    public List<Organisation> findOrganisations() {
        return jdbc.sql(SELECT_ORGANISATION + """
                GROUP BY o.id
                ORDER BY o.type, o.name
                """)
                .query(ORGANISATION)
                .list();
    }

    /** The networks (every organisation but structures) that cover the département. */
    /** The networks whose territory holds the structure: those of its département, and the programmes it joined. */
    public List<Organisation> findNetworkOrganisations(long structureId) {
        return jdbc.sql(SELECT_ORGANISATION + """
                WHERE o.type <> 'STRUCTURE'
                  AND EXISTS (SELECT 1
                              FROM network_territory covered
                              WHERE covered.organisation_id = o.id
                                AND covered.structure_id = :structureId)
                GROUP BY o.id
                ORDER BY o.type DESC, o.name
                """)
                .param("structureId", structureId)
                .query(ORGANISATION)
                .list();
    }

    /** Whether the structure lies in the network's territory: its départements, or its cohort. */
    public boolean covers(long organisationId, long structureId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM network_territory
                               WHERE organisation_id = :organisationId AND structure_id = :structureId)
                """)
                .param("organisationId", organisationId)
                .param("structureId", structureId)
                .query(Boolean.class)
                .single();
    }

    public Optional<Structure> findStructure(long id) {
        return jdbc.sql(SELECT_STRUCTURE + "WHERE s.id = :id")
                .param("id", id)
                .query(STRUCTURE)
                .optional();
    }

    public List<Structure> findStructures(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT_STRUCTURE + """
                WHERE s.id IN (:ids)
                ORDER BY o.name, s.id
                """)
                .param("ids", ids)
                .query(STRUCTURE)
                .list();
    }

    public List<Structure> findAllStructures() {
        return jdbc.sql(SELECT_STRUCTURE + "ORDER BY o.name, s.id")
                .query(STRUCTURE)
                .list();
    }

    private static MapSqlParameterSource structureParameters(long id, StructureDraft draft) {
        return new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("kind", draft.kind() == null ? null : draft.kind().name())
                .addValue("departement", draft.departement())
                .addValue("commune", draft.commune())
                .addValue("agrementStart", draft.agrementStart())
                .addValue("agrementEnd", draft.agrementEnd())
                .addValue("managementMode", draft.managementMode() == null ? null : draft.managementMode().name())
                .addValue("territoryType", draft.territoryType() == null ? null : draft.territoryType().name())
                .addValue("priorityNeighbourhood", draft.priorityNeighbourhood())
                .addValue("siret", draft.siret())
                .addValue("volunteerHourlyRate", draft.volunteerHourlyRate())
                .addValue("employmentCompany", draft.employmentCompany())
                .addValue("habilitationDate", draft.habilitationDate());
    }
}
