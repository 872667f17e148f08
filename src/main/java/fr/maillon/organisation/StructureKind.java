package fr.maillon.organisation;

/**
 * What kind of structure runs the evaluation: it sets the fields its identity shows, its default
 * three targets, its report audiences and the référentiels it is offered.
 */
public enum StructureKind {
    CENTRE_SOCIAL, ESPACE_VIE_SOCIALE, ASSOCIATION,
    /** A Territoire zéro chômeur de longue durée and its entreprise à but d'emploi. */
    TERRITOIRE_ZERO_CHOMEUR
}
