package fr.maillon.chain;

/**
 * How far the evidence bears out the hypothesis a link states (these resources make this activity
 * possible, this output brings that effect...): confirmed, partly, not confirmed, or not tested yet.
 */
public enum HypothesisStatus {
    CONFIRMEE, EN_PARTIE, NON_CONFIRMEE, NON_TESTEE
}
