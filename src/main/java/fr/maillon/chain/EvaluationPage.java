package fr.maillon.chain;

import fr.maillon.organisation.Structure;

/** An evaluation with its structure, and whether the caller may change it. */
public record EvaluationPage(Evaluation evaluation, Structure structure, boolean canEdit) {
}
