package fr.maillon.organisation;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A structure's identity card, and the hourly rate at which it values volunteer time. Its kind
 * sets what the card holds: the agrément and mode de gestion (SENACS-style) for a centre social or
 * an espace de vie sociale, the entreprise à but d'emploi and habilitation for a Territoire zéro
 * chômeur. Its id is the tenant key of everything it owns; {@code version} is raised by each save.
 */
public record Structure(long id, String name, StructureKind kind, String departement, String commune,
        @Nullable LocalDate agrementStart, @Nullable LocalDate agrementEnd, @Nullable ManagementMode managementMode,
        @Nullable TerritoryType territoryType, boolean priorityNeighbourhood, @Nullable String siret,
        BigDecimal volunteerHourlyRate, int version, @Nullable String employmentCompany,
        @Nullable LocalDate habilitationDate) {

    public Structure(long id, String name, StructureKind kind, String departement, String commune,
            @Nullable LocalDate agrementStart, @Nullable LocalDate agrementEnd,
            @Nullable ManagementMode managementMode, @Nullable TerritoryType territoryType,
            boolean priorityNeighbourhood, @Nullable String siret, BigDecimal volunteerHourlyRate, int version) {
        this(id, name, kind, departement, commune, agrementStart, agrementEnd, managementMode, territoryType,
                priorityNeighbourhood, siret, volunteerHourlyRate, version, null, null);
    }
}
