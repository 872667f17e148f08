package fr.maillon.organisation.web;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;

import fr.maillon.organisation.ManagementMode;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Structure;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;
import fr.maillon.organisation.TerritoryType;

/** The structure identity form. Rules live in the service. */
public record StructureForm(@Nullable String name, @Nullable StructureKind kind, @Nullable String departement,
        @Nullable String commune, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate agrementStart,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate agrementEnd,
        @Nullable ManagementMode managementMode, @Nullable TerritoryType territoryType,
        @Nullable Boolean priorityNeighbourhood, @Nullable String siret, @Nullable BigDecimal volunteerHourlyRate,
        @Nullable Integer version, @Nullable String employmentCompany,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE, fallbackPatterns = "dd/MM/yyyy") @Nullable LocalDate habilitationDate) {

    public static StructureForm empty(StructureKind kind) {
        return new StructureForm("", kind, "", "", null, null, null, null, false, "",
                OrganisationService.DEFAULT_VOLUNTEER_HOURLY_RATE, null, "", null);
    }

    public static StructureForm of(Structure structure) {
        return new StructureForm(structure.name(), structure.kind(), structure.departement(), structure.commune(),
                structure.agrementStart(), structure.agrementEnd(), structure.managementMode(),
                structure.territoryType(), structure.priorityNeighbourhood(), structure.siret(),
                structure.volunteerHourlyRate(), structure.version(), structure.employmentCompany(),
                structure.habilitationDate());
    }

    /** The kind a form was sent with, read leniently: null when missing or unknown (the form then asks for it). */
    static @Nullable StructureKind kindOf(@Nullable String kind) {
        return java.util.Arrays.stream(StructureKind.values()).filter(value -> value.name().equals(kind)).findFirst()
                .orElse(null);
    }

    public StructureDraft toDraft() {
        return new StructureDraft(name, kind, departement, commune, agrementStart, agrementEnd, managementMode,
                territoryType, Boolean.TRUE.equals(priorityNeighbourhood), siret, volunteerHourlyRate,
                employmentCompany, habilitationDate);
    }
}
