package fr.maillon.network;

import java.util.List;

import fr.maillon.organisation.Organisation;

/** A federation's or CAF's home: its structures, the indicators they share, evaluations awaiting computation. */
public record NetworkHome(Organisation organisation, List<TerritoryStructure> structures, List<NetworkEntry> entries,
        int pending) {

    public long sharing() {
        return structures.stream().filter(TerritoryStructure::sharing).count();
    }
}
