package fr.maillon.organisation;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A structure's identity card (SENACS-style), and the hourly rate at which it values volunteer time.
 * Its id is the tenant key of everything it owns; {@code version} is raised by each save of the card.
 */
public record Structure(long id, String name, StructureKind kind, String departement, String commune,
        @Nullable LocalDate agrementStart, @Nullable LocalDate agrementEnd, @Nullable ManagementMode managementMode,
        @Nullable TerritoryType territoryType, boolean priorityNeighbourhood, @Nullable String siret,
        BigDecimal volunteerHourlyRate, int version) {
}
