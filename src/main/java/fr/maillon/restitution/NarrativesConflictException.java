package fr.maillon.restitution;

import java.util.List;

import fr.maillon.web.ConcurrentEditException;

/**
 * Someone saved one or more of the sections' texts since the author read them: none of the texts
 * posted together was written. Each conflict carries the text as stored now and who saved it, when.
 */
public class NarrativesConflictException extends ConcurrentEditException {

    private final List<Conflict> conflicts;

    public NarrativesConflictException(List<Conflict> conflicts) {
        super(conflicts.get(0).revision(), conflicts.get(0).stored());
        this.conflicts = List.copyOf(conflicts);
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }

    /** A section's text as stored now, and its version, who saved it and when. */
    public record Conflict(Narrative stored, fr.maillon.web.Revision revision) {
    }
}
