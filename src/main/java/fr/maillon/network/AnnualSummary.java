package fr.maillon.network;

import java.util.List;
import java.util.Map;

import fr.maillon.organisation.Organisation;
import fr.maillon.organisation.StructureKind;

/**
 * A territory's year in the shape of the observatory's socle: its structures by kind, how many
 * share, and each socle entry aggregated across those that share it.
 */
public record AnnualSummary(Organisation organisation, int year, Map<StructureKind, Integer> structuresByKind,
        int sharing, List<Line> lines) {

    public int structures() {
        return structuresByKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    public record Line(NetworkEntry entry, Aggregate aggregate) {
    }
}
