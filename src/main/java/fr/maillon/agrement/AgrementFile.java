package fr.maillon.agrement;

import java.time.LocalDate;
import java.util.List;

import fr.maillon.chain.Evaluation;
import fr.maillon.organisation.Structure;

/**
 * A projet social's file for the CAF, as of {@code on}: the structure and the evaluation it is drawn
 * from, whether the caller may write its texts, its parts, and the key results for the commission.
 */
public record AgrementFile(Structure structure, Evaluation evaluation, boolean canEdit, List<FilePart> parts,
        KeyResults results, LocalDate on) {

    public AgrementFile {
        parts = List.copyOf(parts);
    }

    /** Complete: every part is present or "sans objet". */
    public boolean complete() {
        return parts.stream().allMatch(FilePart::done);
    }

    /** The parts still to fill in (missing or begun). */
    public List<FilePart> toComplete() {
        return parts.stream().filter(part -> !part.done()).toList();
    }

    public int doneCount() {
        return (int) parts.stream().filter(FilePart::done).count();
    }

    public FilePart part(AgrementPart part) {
        return parts.stream().filter(found -> found.part() == part).findFirst().orElseThrow();
    }
}
