package fr.maillon.chain;

/** Where an evaluation stands on one step of the method: fait, en cours, à faire. */
public enum StepState {
    DONE, STARTED, TODO
}
