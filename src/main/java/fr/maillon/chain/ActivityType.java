package fr.maillon.chain;

/** Primary activities are the visible ones; support activities (gouvernance, RH…) make them possible. */
public enum ActivityType {
    PRIMARY, SUPPORT
}
