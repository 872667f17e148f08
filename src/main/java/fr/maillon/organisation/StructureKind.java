package fr.maillon.organisation;

/**
 * What kind of structure runs the evaluation: it sets the fields its identity shows, its default
 * three targets, its report audiences and the référentiels it is offered.
 */
public enum StructureKind {
    CENTRE_SOCIAL, ESPACE_VIE_SOCIALE, ASSOCIATION,
    /** A Territoire zéro chômeur de longue durée and its entreprise à but d'emploi. */
    TERRITOIRE_ZERO_CHOMEUR;

    /**
     * Whether the CAF grants it an agrément (animation de la vie sociale): its identity then holds
     * the agrément's dates and the mode de gestion SENACS asks for, and its reports include the
     * CAF's file.
     */
    public boolean agreedByCaf() {
        return this == CENTRE_SOCIAL || this == ESPACE_VIE_SOCIALE;
    }

    /** Whether it is a Territoire zéro chômeur: its identity holds its entreprise à but d'emploi and its habilitation. */
    public boolean zeroUnemploymentTerritory() {
        return this == TERRITOIRE_ZERO_CHOMEUR;
    }
}
