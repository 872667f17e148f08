package fr.maillon.chain;

import fr.maillon.organisation.Structure;

/**
 * An evaluation with its structure, whether the caller may change it, whether its figures are
 * illustrative (the demo's: its pages carry a banner, its reports never a marker), and the names of
 * its three targets in the reader's language.
 */
public record EvaluationPage(Evaluation evaluation, Structure structure, boolean canEdit, boolean illustrative,
        TargetNames targets) {
}
