package fr.maillon.framework;

/**
 * What an indicator measures: a count, a percentage, a ratio, euros, hours (quantitative), a
 * level on an ordinal scale with labelled levels, or a text (qualitative).
 */
public enum Measure {
    COUNT, PERCENTAGE, RATIO, EUR, HOURS, ORDINAL, TEXT;

    public boolean numeric() {
        return this != TEXT;
    }

    /** Whether the categories of a disaggregation add up to the total (20 women + 15 men = 35). */
    public boolean additive() {
        return this == COUNT || this == EUR || this == HOURS;
    }
}
