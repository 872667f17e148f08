package fr.maillon.framework;

/** How an indicator's values add up over time: a sum, an average, or the last value known. */
public enum Aggregation {
    SUM, AVERAGE, LAST
}
