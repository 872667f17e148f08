package fr.maillon.chain;

/** The kinds of chain elements, in the order of the chain. */
public enum ElementKind {
    RESOURCE, ACTIVITY, OUTPUT, EFFECT
}
