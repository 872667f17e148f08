package fr.maillon.chain;

/** A stakeholder's type. */
public enum StakeholderType {
    ETAT, COLLECTIVITE, ASSOCIATION, ENTREPRISE, RECHERCHE, HABITANTS, FINANCEUR
}
