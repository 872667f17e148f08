package fr.maillon.organisation;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What a structure's identity form or API call sends. The service checks every rule, and keeps
 * only the fields the kind holds (no agrément for a Territoire zéro chômeur, no entreprise à but
 * d'emploi for a centre social).
 */
public record StructureDraft(@Nullable String name, @Nullable StructureKind kind, @Nullable String departement,
        @Nullable String commune, @Nullable LocalDate agrementStart, @Nullable LocalDate agrementEnd,
        @Nullable ManagementMode managementMode, @Nullable TerritoryType territoryType,
        boolean priorityNeighbourhood, @Nullable String siret, @Nullable BigDecimal volunteerHourlyRate,
        @Nullable String employmentCompany, @Nullable LocalDate habilitationDate) {

    public StructureDraft(@Nullable String name, @Nullable StructureKind kind, @Nullable String departement,
            @Nullable String commune, @Nullable LocalDate agrementStart, @Nullable LocalDate agrementEnd,
            @Nullable ManagementMode managementMode, @Nullable TerritoryType territoryType,
            boolean priorityNeighbourhood, @Nullable String siret, @Nullable BigDecimal volunteerHourlyRate) {
        this(name, kind, departement, commune, agrementStart, agrementEnd, managementMode, territoryType,
                priorityNeighbourhood, siret, volunteerHourlyRate, null, null);
    }
}
