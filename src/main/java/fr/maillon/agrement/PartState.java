package fr.maillon.agrement;

/**
 * Where a part of the file stands: filled in by the evaluation (présent), begun (à compléter), empty
 * (manquant), or not required of this structure (sans objet).
 */
public enum PartState {
    PRESENT, PARTIAL, MISSING, NOT_APPLICABLE;

    /** Whether the part needs nothing more for the file to be complete. */
    public boolean done() {
        return this == PRESENT || this == NOT_APPLICABLE;
    }
}
