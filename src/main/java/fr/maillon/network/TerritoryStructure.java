package fr.maillon.network;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.organisation.StructureKind;

/**
 * A structure of the territory. One that shares nothing shows its name and place only; one that
 * shares shows its agrément dates and the evaluations it shares (all of them, or some).
 */
public record TerritoryStructure(long id, String name, StructureKind kind, String departement, String commune,
        @Nullable LocalDate agrementEnd, boolean sharesAll, List<SharedEvaluation> evaluations) {

    public TerritoryStructure {
        evaluations = List.copyOf(evaluations);
    }

    public boolean sharing() {
        return sharesAll || !evaluations.isEmpty();
    }
}
