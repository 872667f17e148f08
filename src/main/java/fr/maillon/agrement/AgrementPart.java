package fr.maillon.agrement;

import java.util.Arrays;
import java.util.Optional;

/**
 * The parts of a projet social that the CAF's file for an agrément renewal holds (circulaire AVS of
 * 2012, updated in 2022), in the order the file gives them.
 */
public enum AgrementPart {
    DIAGNOSTIC, PARTICIPATION, FAMILIES, OBJECTIVES, PREVIOUS_EVALUATION;

    /** The longest text a structure adds to a part. */
    public static final int MAX_NOTE = 2000;

    /** The part named in a path (its name in lower case, "previous-evaluation"), if it is one. */
    public static Optional<AgrementPart> fromPath(String name) {
        return Arrays.stream(values()).filter(part -> part.path().equals(name)).findFirst();
    }

    public String path() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Only the projet familles may be "sans objet": a structure without an animation collective familles has none. */
    public boolean mayBeNotApplicable() {
        return this == FAMILIES;
    }
}
