package fr.maillon.survey;

/** Who a survey asks. */
public enum Audience {
    HABITANTS, BENEVOLES, PARTENAIRES, EQUIPE
}
