package fr.maillon.chain;

/** Whom an effect changes: the inhabitants, the territory, or the communauté d'action itself. */
public enum EffectTarget {
    HABITANTS, TERRITOIRE, COMMUNAUTE_ACTION
}
