package fr.maillon.framework;

/** The way an indicator should move. */
public enum Direction {
    INCREASE, DECREASE, STABLE
}
