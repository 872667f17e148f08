package fr.maillon.chain;

/** What is evaluated: the whole projet social, or one action. */
public enum EvaluationScope {
    PROJET_SOCIAL, ACTION
}
