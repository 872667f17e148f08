package fr.maillon.network;

import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.organisation.Organisation;

/**
 * A library entry across the territory: the aggregates per period, and each sharing structure's
 * values for {@code period} (for every period when it is null).
 */
public record EntryFigures(Organisation organisation, NetworkEntry entry, List<Aggregate> aggregates,
        @Nullable String period, List<StructureValue> values) {
}
