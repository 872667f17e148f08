package fr.maillon.chain;

import java.util.List;

import fr.maillon.organisation.Structure;

/** A structure and the evaluations of it that the caller may read, and whether she may start a new one there. */
public record StructureEvaluations(Structure structure, List<Evaluation> evaluations, boolean canEdit) {
}
