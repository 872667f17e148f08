package fr.maillon.network;

import java.util.List;

import fr.maillon.organisation.Organisation;

/** A library entry across the territory: the aggregates per period and each sharing structure's values. */
public record EntryFigures(Organisation organisation, NetworkEntry entry, List<Aggregate> aggregates,
        List<StructureValue> values) {
}
