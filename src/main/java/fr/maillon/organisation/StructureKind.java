package fr.maillon.organisation;

public enum StructureKind {
    CENTRE_SOCIAL, ESPACE_VIE_SOCIALE, ASSOCIATION
}
