package fr.maillon.organisation;

public enum OrganisationType {
    STRUCTURE, FEDERATION, CAF
}
