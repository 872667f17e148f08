package fr.maillon.restitution;

/** How strongly the evidence supports a contribution claim. */
public enum Strength {
    WEAK, MODERATE, STRONG
}
