package fr.maillon.workshop;

/** Who a participant says she is: a role, never a name. */
public enum ParticipantRole {
    HABITANT, BENEVOLE, SALARIE, ADMINISTRATEUR, PARTENAIRE, AUTRE
}
