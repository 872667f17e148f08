package fr.maillon.restitution;

/** What a network member may comment on in an evaluation shared with her organisation. */
public enum AnnotationTarget {
    /** A report's finalised version (those outside the structure read no draft). */
    REPORT,
    /** An indicator of the evaluation's framework. */
    INDICATOR,
    /** The verdict given to an evaluative question (its id is the question's). */
    VERDICT
}
