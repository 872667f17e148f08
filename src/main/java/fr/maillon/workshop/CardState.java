package fr.maillon.workshop;

/** Shown to all, hidden by the facilitator (it never reaches the chain or a report), or merged into another card. */
public enum CardState {
    SHOWN, HIDDEN, MERGED
}
