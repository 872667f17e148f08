package fr.maillon.chain;

import fr.maillon.organisation.Structure;

/**
 * An evaluation with its structure, whether the caller may change it, and whether its figures are
 * illustrative (the demo's: its pages carry a banner, its reports never a marker).
 */
public record EvaluationPage(Evaluation evaluation, Structure structure, boolean canEdit, boolean illustrative) {

    public EvaluationPage(Evaluation evaluation, Structure structure, boolean canEdit) {
        this(evaluation, structure, canEdit, false);
    }
}
