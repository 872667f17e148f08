package fr.maillon.network;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.EvaluationStatus;

/** A step of the agrément's renewal, some months before its end, with the state the evaluation should have reached. */
public record Milestone(int monthsBefore, String label, @Nullable EvaluationStatus expectedStatus) {
}
