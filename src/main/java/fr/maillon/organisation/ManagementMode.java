package fr.maillon.organisation;

/** Mode de gestion, as SENACS asks it. */
public enum ManagementMode {
    ASSOCIATIVE, MUNICIPAL, CAF, CO_MANAGED, OTHER
}
