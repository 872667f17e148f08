package fr.maillon.agrement;

import java.util.List;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.StepText;

/**
 * One part of the file: its state, the sentences saying what fills it (counts, each linking to the page
 * that holds it), the sentences saying what to do when it is not done (each linking to the page that
 * does it), the text the structure added, and whether the structure marked it "sans objet".
 */
public record FilePart(AgrementPart part, PartState state, List<StepText> filledBy, List<StepText> toDo,
        @Nullable String note, boolean markedNotApplicable) {

    public FilePart {
        filledBy = List.copyOf(filledBy);
        toDo = List.copyOf(toDo);
    }

    public boolean done() {
        return state.done();
    }
}
