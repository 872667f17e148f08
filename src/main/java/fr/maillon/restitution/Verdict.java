package fr.maillon.restitution;

/**
 * The answer to an evaluative question: the objective is reached, partly reached, not reached,
 * or it cannot be said yet ({@code INDETERMINE}: too early, or not enough evidence).
 */
public enum Verdict {
    ATTEINT, EN_PARTIE, NON_ATTEINT, INDETERMINE
}
