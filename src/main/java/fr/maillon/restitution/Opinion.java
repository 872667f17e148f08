package fr.maillon.restitution;

/** What a reviewer says of a section. */
public enum Opinion {
    AGREE, DISAGREE, COMMENT
}
